/**
 * The cuckoo page: loads the AssemblyScript guest through the generated `Cuckoo` stub and wires the form, the
 * stats and the chart to its typed calls. Bundled by build.ts with esbuild; nothing here is Node-specific.
 */
import { Cuckoo, type Stats } from "../generated/cuckoo.js";
import { drawChart } from "./chart.js";
import { fillAndMeasure } from "./fill-experiment.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const answer = $<HTMLParagraphElement>("answer");
const wordInput = $<HTMLInputElement>("word");

function showStats(stats: Stats): void {
  $("stat-items").textContent = String(stats.items);
  $("stat-capacity").textContent = String(stats.capacity);
  $("stat-buckets").textContent = String(stats.buckets);
  $("stat-load").textContent = `${(stats.loadFactor * 100).toFixed(2)}%`;
  $("stat-bits").textContent = String(stats.fingerprintBits);
}

/** What each button asks the guest, and how its answer reads. */
const actions: Record<string, (cuckoo: Cuckoo, word: string) => string> = {
  check: (cuckoo, word) => `check_word_exists("${word}") → ${cuckoo.checkWordExists(word)}`,
  add: (cuckoo, word) => `add_word("${word}") → ${cuckoo.addWord(word)}`,
  delete: (cuckoo, word) => `delete_word("${word}") → ${cuckoo.deleteWord(word)}`,
};

async function start(): Promise<void> {
  const cuckoo = await Cuckoo.load(new URL("cuckoo.wasm", import.meta.url));
  showStats(cuckoo.stats());
  answer.textContent = "Ready: the filter holds the book's words foo, bar, xylophone and milagro.";
  document.body.dataset["ready"] = "true";

  $<HTMLFormElement>("word-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const action = ((event as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? "check";
    answer.textContent = actions[action]!(cuckoo, wordInput.value);
    showStats(cuckoo.stats());
  });

  let runs = 0;
  $<HTMLButtonElement>("fill").addEventListener("click", () => {
    const points = fillAndMeasure(cuckoo, runs++);
    const stats = cuckoo.stats();
    drawChart($<HTMLElement>("chart") as unknown as SVGSVGElement, points, stats.capacity);
    showStats(stats);
    const last = points[points.length - 1]!;
    $("chart-summary").textContent =
      `${points.length - 1} steps: ${last.items} items, occupancy ${(last.loadFactor * 100).toFixed(1)}%, ` +
      `false-positive rate ${(last.falsePositiveRate * 100).toFixed(2)}%`;
  });
}

start().catch((error: unknown) => {
  answer.textContent = `Could not start the guest: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
