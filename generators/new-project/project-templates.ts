/**
 * The project templates `widl-bindgen new` knows. Each one is a folder `templates/new/<name>/` of handlebars
 * files; this registry says what each template is and what `new` does after rendering it.
 */

export interface ProjectTemplate {
  readonly name: string;
  readonly description: string;
  /** Whether the project has a codegen.yaml for the generate step. */
  readonly generates: boolean;
  /** The npm script the "first build" step runs after installing. */
  readonly buildScript: string;
  /** Whether `--guest <file.wasm>` applies (the file is copied to `guest.wasm`). */
  readonly takesGuest: boolean;
  /** The commands printed at the end, after `cd <dir>`. */
  readonly next: readonly string[];
}

const template = (t: ProjectTemplate): [string, ProjectTemplate] => [t.name, t];

/** Every template, by name, in the order `--help` lists them. */
export const projectTemplates: ReadonlyMap<string, ProjectTemplate> = new Map([
  template({
    name: "assemblyscript",
    description: "an AssemblyScript guest, built with asc and tested through the generated TypeScript stubs",
    generates: true,
    buildScript: "build",
    takesGuest: false,
    next: ["npm test", "npm run build   # writes build/guest.wasm"],
  }),
  template({
    name: "rust",
    description: "a Rust guest with no crate dependencies, built with rustc (or cargo) and tested from Node",
    generates: true,
    buildScript: "build",
    takesGuest: false,
    next: ["npm test", "npm run build   # writes build/guest.wasm"],
  }),
  template({
    name: "host-typescript",
    description: "a Node application that loads a guest through generated typed stubs",
    generates: true,
    buildScript: "build",
    takesGuest: true,
    next: ["npm test", "npm start -- guest.wasm world"],
  }),
  template({
    name: "serve",
    description: "a guest served over HTTP: Dockerfile, Kubernetes deployment and service with /healthz probes",
    generates: false,
    buildScript: "check",
    takesGuest: true,
    next: ["npm test    # starts the server on a free port and calls it", "npm start   # serves guest.wasm on http://127.0.0.1:8080", "docker build -t <image> .", "kubectl apply -f k8s/"],
  }),
]);
