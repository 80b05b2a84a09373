/**
 * Draws the fill experiment as an SVG line chart: occupancy (load factor, left axis, 0–100 %) and the measured
 * false-positive rate (right axis, scaled to its largest value) against the number of items stored.
 */
import type { FillPoint } from "./fill-experiment.js";

const SVG = "http://www.w3.org/2000/svg";
const width = 640;
const height = 320;
const margin = { top: 16, right: 64, bottom: 40, left: 56 };

function element<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The right axis' top: the largest measured rate rounded up to a tenth of a percent, at least 0.1 %. */
export function rateAxisMax(points: readonly FillPoint[]): number {
  const max = Math.max(...points.map((p) => p.falsePositiveRate));
  return Math.max(0.001, Math.ceil(max * 1000) / 1000);
}

/** Replaces what `svg` shows with the chart of `points`, for a filter of `capacity` slots. */
export function drawChart(svg: SVGSVGElement, points: readonly FillPoint[], capacity: number): void {
  svg.replaceChildren();
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (items: number) => margin.left + (items / capacity) * plotWidth;
  const yLoad = (share: number) => margin.top + (1 - share) * plotHeight;
  const rateMax = rateAxisMax(points);
  const yRate = (rate: number) => margin.top + (1 - rate / rateMax) * plotHeight;

  for (let i = 0; i <= 4; i++) {
    const share = i / 4;
    svg.append(
      element("line", { class: "grid", x1: margin.left, x2: width - margin.right, y1: yLoad(share), y2: yLoad(share) }),
      element("text", { x: margin.left - 8, y: yLoad(share) + 4, "text-anchor": "end" }, `${share * 100}%`),
      element("text", { x: width - margin.right + 8, y: yLoad(share) + 4 }, `${((share * rateMax) * 100).toFixed(2)}%`),
      element("text", { x: x(share * capacity), y: height - margin.bottom + 18, "text-anchor": "middle" }, String(share * capacity)),
    );
  }
  svg.append(
    element("line", { class: "axis", x1: margin.left, x2: width - margin.right, y1: yLoad(0), y2: yLoad(0) }),
    element("text", { x: margin.left + plotWidth / 2, y: height - 6, "text-anchor": "middle" }, "items stored"),
    element("polyline", { class: "occupancy", points: points.map((p) => `${x(p.items)},${yLoad(p.loadFactor)}`).join(" ") }),
    element("polyline", { class: "false-positives", points: points.map((p) => `${x(p.items)},${yRate(p.falsePositiveRate)}`).join(" ") }),
    element("text", { x: margin.left + 8, y: margin.top + 12, fill: "#2563eb" }, "occupancy (left)"),
    element("text", { x: margin.left + 8, y: margin.top + 28, fill: "#dc2626" }, "false-positive rate (right)"),
  );
}
