/**
 * Project scaffolding for `widl-bindgen new`: the templates in `templates/new/<template>/`, the checks that run
 * before anything is written, and the steps (render, generate, install, first build).
 */
export {
  checkTargetDir,
  checkTemplate,
  createProject,
  defaultDescription,
  defaultProjectName,
  planProject,
  projectDependencies,
  type ProjectDependencies,
  type CreateResult,
  type NewProjectOptions,
  type ProgressLog,
  type ProjectPlan,
} from "./create-project.js";
export { NewProjectError, NewProjectStepError } from "./errors.js";
export { checkProjectName, projectNameProblem, projectNames, type ProjectNames } from "./project-names.js";
export { projectTemplates, type ProjectTemplate } from "./project-templates.js";
export { renderTemplateFolder, type ProjectFile } from "./render.js";
