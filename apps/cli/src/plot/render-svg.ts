/**
 * Renders a Vega-Lite specification to an SVG string, in Node, without a browser: Vega-Lite
 * compiles it to a Vega specification, a headless Vega view lays it out, and Vega's SVG string
 * renderer draws the scene graph.
 *
 * Vega's own `view.toSVG()` does the same, but returns a promise (it waits for images and
 * fonts to load); a chart of inline data loads nothing, so the steps are run synchronously
 * here and the command stays synchronous. The view's laid-out size is read from the fields
 * `toSVG` reads (`_viewWidth`, `_viewHeight`), and the renderer, which Vega exports without
 * type declarations, through a small interface; a test checks that the result is byte for
 * byte what `toSVG()` produces.
 *
 * @module
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** Vega's SVGStringRenderer, as far as it is used here. */
interface StringRenderer {
  initialize(el: null, width: number, height: number, origin: [number, number]): StringRenderer;
  background(color: unknown): StringRenderer;
  render(scene: unknown): StringRenderer;
  svg(): string;
}

/** What is read from a view beyond its typed API. */
interface ViewInternals {
  _viewWidth: number;
  _viewHeight: number;
}

const SVGStringRenderer = (vega as unknown as { SVGStringRenderer: new (loader: unknown) => StringRenderer })
  .SVGStringRenderer;

/** The SVG document of a Vega-Lite specification (inline data only). */
export function renderSvg(spec: TopLevelSpec): string {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  view.run();
  const pad = view.padding();
  const p = typeof pad === "number" ? { left: pad, right: pad, top: pad, bottom: pad } : pad;
  const origin = view.origin();
  const { _viewWidth: width, _viewHeight: height } = view as unknown as ViewInternals;
  const root = (view.scenegraph() as unknown as { root: unknown }).root;
  const svg = new SVGStringRenderer(view.loader())
    .initialize(null, width + (p.left ?? 0) + (p.right ?? 0), height + (p.top ?? 0) + (p.bottom ?? 0), [
      (p.left ?? 0) + origin[0]!,
      (p.top ?? 0) + origin[1]!,
    ])
    .background(view.background())
    .render(root)
    .svg();
  view.finalize();
  return svg;
}
