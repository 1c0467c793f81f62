/**
 * The heap map on a canvas: the page provider's mappings as a strip (arenas and raw regions,
 * with object blocks outside pymalloc as ticks), then one row per arena of pool cells — hue by
 * size class, darker the fuller, grey when empty, white when not carved yet. Zoomed in, each
 * pool shows its blocks: free, allocated, or an object's (clicking one selects the object).
 * Only the visible rows are drawn, so a thousand arenas scroll as fast as one.
 *
 * @module
 */
import type { HeapMapView, PoolBlocks, StepSnapshot } from "../engine/snapshot-types";
import { el, hex, type Selection } from "./selection";

const LABEL_WIDTH = 84;
const STRIP_HEIGHT = 28;
const ROW_GAP = 4;
/** Pool cell side (CSS pixels) at zoom 1. */
const BASE_CELL = 10;
/** Pool cell side from which blocks are drawn. */
const BLOCKS_FROM = 40;

function poolColour(sizeClass: number, used: number, capacity: number): string {
  const hue = (sizeClass * 47) % 360;
  const fullness = capacity === 0 ? 0 : used / capacity;
  return `hsl(${hue} 65% ${78 - 45 * fullness}%)`;
}

/** The heap map panel of one session. */
export class HeapMapPanel {
  /** The panel's root element. */
  readonly element = el("div", "heap-map-panel");
  private readonly canvas = el("canvas", "heap-map-canvas");
  private readonly status = el("p", "heap-map-status");
  private readonly zoomLabel = el("span", "zoom-label");
  private readonly selected = el("p", "heap-map-selected");
  private map: HeapMapView | null = null;
  private poolIndex = new Map<number, PoolBlocks>();
  private objectBlocks = new Map<number, number>();
  private remembered: { address: number; block: number } | null = null;
  private zoom = 1;
  private scrollY = 0;
  private scrollX = 0;
  /** Milliseconds the last draw took. */
  lastDrawMs = 0;

  constructor(
    private readonly selection: Selection,
    label: string,
  ) {
    const tools = el("div", "heap-map-tools");
    const zoomIn = el("button", "", "+");
    zoomIn.setAttribute("aria-label", `${label}: zoom in on the heap map`);
    const zoomOut = el("button", "", "−");
    zoomOut.setAttribute("aria-label", `${label}: zoom out of the heap map`);
    zoomIn.addEventListener("click", () => this.setZoom(this.zoom * 2));
    zoomOut.addEventListener("click", () => this.setZoom(this.zoom / 2));
    tools.append(zoomOut, this.zoomLabel, zoomIn);
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute(
      "aria-label",
      `${label}: heap map of arenas, pools and blocks (arrow keys scroll, + and - zoom)`,
    );
    this.status.setAttribute("aria-live", "polite");
    const legend = el("p", "heap-map-legend");
    legend.innerHTML =
      '<span class="swatch" style="background:hsl(47 65% 60%)"></span>pool (hue: size class, darker: fuller) ' +
      '<span class="swatch" style="background:#cfd8dc"></span>empty pool ' +
      '<span class="swatch" style="background:#fff;border:1px solid #b0bec5"></span>not carved yet ' +
      '<span class="swatch" style="background:#ffcc80"></span>raw region ' +
      '<span class="swatch" style="background:#263238"></span>object block (zoomed in)';
    this.selected.setAttribute("aria-live", "polite");
    this.element.append(tools, legend, this.canvas, this.status, this.selected);
    this.canvas.addEventListener("click", (e) => this.click(e));
    this.canvas.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        if (e.ctrlKey) this.setZoom(this.zoom * (e.deltaY < 0 ? 1.25 : 0.8));
        else {
          this.scrollY = Math.max(0, this.scrollY + e.deltaY);
          this.scrollX = Math.max(0, this.scrollX + e.deltaX);
          this.draw();
        }
      },
      { passive: false },
    );
    this.canvas.addEventListener("keydown", (e) => {
      const step = 40;
      if (e.key === "ArrowDown") this.scrollY += step;
      else if (e.key === "ArrowUp") this.scrollY = Math.max(0, this.scrollY - step);
      else if (e.key === "ArrowRight") this.scrollX += step;
      else if (e.key === "ArrowLeft") this.scrollX = Math.max(0, this.scrollX - step);
      else if (e.key === "+" || e.key === "=") this.setZoom(this.zoom * 2);
      else if (e.key === "-") this.setZoom(this.zoom / 2);
      else return;
      e.preventDefault();
      this.draw();
    });
    selection.onChange(() => {
      this.describeSelection();
      this.draw();
    });
    this.setZoom(2);
  }

  private setZoom(zoom: number): void {
    this.zoom = Math.min(32, Math.max(0.5, zoom));
    this.zoomLabel.textContent = ` zoom ${this.zoom.toFixed(this.zoom < 1 ? 1 : 0)}× `;
    this.draw();
  }

  /** Draws the heap map of `snapshot`. */
  update(snapshot: StepSnapshot): void {
    this.map = snapshot.heapMap;
    this.poolIndex = new Map(snapshot.heapMap.pools.map((p) => [p.pool, p]));
    this.objectBlocks = new Map(snapshot.graph.nodes.map((n) => [n.block, n.address]));
    const m = snapshot.heapMap;
    const pools = m.arenas.reduce((s, a) => s + a.states.filter((x) => x >= 2).length, 0);
    const raw = m.regions.filter((r) => r.kind === "raw");
    this.status.textContent =
      m.arenaSize > 0
        ? `${m.arenas.length} arena${m.arenas.length === 1 ? "" : "s"} of ${m.arenaSize / 1024} KiB, ${pools} pools in use of ${m.poolSize / 1024} KiB; ${raw.length} raw region${raw.length === 1 ? "" : "s"}; ${snapshot.bytesInUse} bytes in use.`
        : `Objects come from the raw allocator (${m.domain}): ${raw.length} region${raw.length === 1 ? "" : "s"}, ${m.rawBlocks.length / 2} object blocks; ${snapshot.bytesInUse} bytes in use.`;
    this.element.dataset.bytesInUse = String(snapshot.bytesInUse);
    this.describeSelection();
    this.draw();
  }

  /** Where the selected object's block is, or what became of it once the object is gone. */
  private describeSelection(): void {
    const address = this.selection.address;
    const m = this.map;
    if (address === 0 || m === null) {
      this.selected.textContent = "";
      return;
    }
    const block = this.selectedBlock();
    if (block >= 0) {
      this.remembered = { address, block };
      const pool = this.poolOf(block);
      const where =
        pool === undefined
          ? "outside pymalloc's pools (a raw block)"
          : `block ${this.blockIndex(pool, block)} of pool ${hex(pool.pool)} (${pool.blockSize}-byte blocks)`;
      this.selected.textContent = `Selected object ${hex(address)}: its block ${hex(block)} is ${where}.`;
      this.element.dataset.selectedBlock = "object";
      return;
    }
    if (this.remembered === null || this.remembered.address !== address) {
      this.selected.textContent = `Object ${hex(address)} is not in the heap.`;
      this.element.dataset.selectedBlock = "gone";
      return;
    }
    const old = this.remembered.block;
    const pool = this.poolOf(old);
    const state = pool === undefined ? -1 : pool.states[this.blockIndex(pool, old)]!;
    const now =
      pool === undefined
        ? "no longer in a pool in use"
        : state === 0
          ? "free"
          : state === 2
            ? "another object's"
            : "allocated to something else";
    this.selected.textContent = `Object ${hex(address)} is no longer in the heap: its block ${hex(old)} is ${now}.`;
    this.element.dataset.selectedBlock = pool === undefined || state === 0 ? "free" : "reused";
  }

  private poolOf(block: number): PoolBlocks | undefined {
    const m = this.map;
    if (m === null || m.poolSize === 0) return undefined;
    return this.poolIndex.get(block - (block % m.poolSize));
  }

  private get cell(): number {
    return BASE_CELL * this.zoom;
  }

  private geometry(): { cols: number; rowsPerArena: number; rowHeight: number; perArena: number } {
    const m = this.map!;
    const perArena = m.arenaSize > 0 ? m.arenaSize / m.poolSize : 0;
    const width = Math.max(200, this.canvas.clientWidth || 600);
    const cols = Math.max(1, Math.min(perArena, Math.floor((width - LABEL_WIDTH) / this.cell)));
    const rowsPerArena = perArena === 0 ? 0 : Math.ceil(perArena / cols);
    return { cols, rowsPerArena, rowHeight: rowsPerArena * this.cell + ROW_GAP, perArena };
  }

  /** Redraws at the current size, zoom and scroll. */
  draw(): void {
    const start = performance.now();
    const canvas = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 600;
    const height = canvas.clientHeight || 360;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const ctx = canvas.getContext("2d");
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fafafa";
    ctx.fillRect(0, 0, width, height);
    const m = this.map;
    if (m === null) return;
    this.drawStrip(ctx, m, width);
    const { cols, rowHeight, perArena } = this.geometry();
    const cell = this.cell;
    const first = Math.floor(this.scrollY / rowHeight);
    const selectedBlock = this.selectedBlock();
    ctx.font = "10px ui-monospace, monospace";
    for (let a = Math.max(0, first); a < m.arenas.length; a++) {
      const y0 = STRIP_HEIGHT + 8 + a * rowHeight - this.scrollY;
      if (y0 > height) break;
      const arena = m.arenas[a]!;
      ctx.fillStyle = "#37474f";
      ctx.fillText(hex(arena.address), 2, y0 + 10);
      for (let p = 0; p < perArena; p++) {
        const x = LABEL_WIDTH + (p % cols) * cell - this.scrollX;
        const y = y0 + Math.floor(p / cols) * cell;
        if (x + cell < LABEL_WIDTH || x > width) continue;
        const state = arena.states[p]!;
        const inner = Math.max(1, cell - (cell >= 6 ? 1 : 0));
        if (state === 0) {
          ctx.strokeStyle = "#cfd8dc";
          ctx.strokeRect(x + 0.5, y + 0.5, inner - 1, inner - 1);
          continue;
        }
        ctx.fillStyle =
          state === 1 ? "#cfd8dc" : poolColour(arena.sizeClasses[p]!, arena.used[p]!, arena.capacity[p]!);
        ctx.fillRect(x, y, inner, inner);
        if (cell >= BLOCKS_FROM && state >= 2) {
          const blocks = this.poolIndex.get(arena.address + p * m.poolSize);
          if (blocks !== undefined) this.drawBlocks(ctx, blocks, x, y, inner, selectedBlock);
        }
      }
    }
    this.lastDrawMs = performance.now() - start;
    this.element.dataset.drawMs = this.lastDrawMs.toFixed(1);
  }

  private drawStrip(ctx: CanvasRenderingContext2D, m: HeapMapView, width: number): void {
    const total = m.regions.reduce((s, r) => s + r.bytes, 0);
    if (total === 0) return;
    let x = LABEL_WIDTH;
    const span = width - LABEL_WIDTH - 4;
    ctx.fillStyle = "#37474f";
    ctx.font = "10px system-ui, sans-serif";
    ctx.fillText("mappings", 2, 16);
    const selected = this.selectedBlock();
    for (const r of m.regions) {
      const w = Math.max(2, (r.bytes / total) * span);
      ctx.fillStyle = r.kind === "arena" ? "#b0bec5" : "#ffcc80";
      ctx.fillRect(x, 4, w - 1, STRIP_HEIGHT - 8);
      for (let i = 0; i < m.rawBlocks.length; i += 2) {
        const b = m.rawBlocks[i]!;
        if (b < r.address || b >= r.address + r.bytes) continue;
        const bx = x + ((b - r.address) / r.bytes) * w;
        const bw = Math.max(1, (m.rawBlocks[i + 1]! / r.bytes) * w);
        ctx.fillStyle = b === selected ? "#d50000" : "#263238";
        ctx.fillRect(bx, 6, bw, STRIP_HEIGHT - 12);
      }
      x += w;
    }
  }

  private drawBlocks(
    ctx: CanvasRenderingContext2D,
    blocks: PoolBlocks,
    x: number,
    y: number,
    size: number,
    selectedBlock: number,
  ): void {
    const n = blocks.states.length;
    const side = Math.ceil(Math.sqrt(n));
    const b = size / side;
    for (let i = 0; i < n; i++) {
      const s = blocks.states[i]!;
      const bx = x + (i % side) * b;
      const by = y + Math.floor(i / side) * b;
      const address = blocks.pool + blocks.firstOffset + i * blocks.blockSize;
      ctx.fillStyle =
        address === selectedBlock ? "#d50000" : s === 2 ? "#263238" : s === 1 ? "#78909c" : "#ffffff";
      ctx.fillRect(bx + 0.5, by + 0.5, Math.max(0.5, b - 1), Math.max(0.5, b - 1));
    }
  }

  private blockIndex(p: PoolBlocks, address: number): number {
    const i = (address - p.pool - p.firstOffset) / p.blockSize;
    return Number.isInteger(i) && i >= 0 && i < p.states.length ? i : -1;
  }

  private selectedBlock(): number {
    const address = this.selection.address;
    for (const [block, obj] of this.objectBlocks) if (obj === address) return block;
    return -1;
  }

  private click(event: MouseEvent): void {
    const m = this.map;
    if (m === null) return;
    const rect = this.canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    if (py < STRIP_HEIGHT) {
      this.clickStrip(m, px);
      return;
    }
    const { cols, rowHeight, perArena } = this.geometry();
    const cell = this.cell;
    const a = Math.floor((py - STRIP_HEIGHT - 8 + this.scrollY) / rowHeight);
    const arena = m.arenas[a];
    if (arena === undefined) return;
    const y0 = STRIP_HEIGHT + 8 + a * rowHeight - this.scrollY;
    const col = Math.floor((px - LABEL_WIDTH + this.scrollX) / cell);
    const row = Math.floor((py - y0) / cell);
    const p = row * cols + col;
    if (col < 0 || col >= cols || p < 0 || p >= perArena) return;
    const pool = arena.address + p * m.poolSize;
    const state = arena.states[p]!;
    if (state < 2) {
      this.status.textContent = `Pool ${hex(pool)}: ${state === 0 ? "not carved yet" : "empty"}.`;
      return;
    }
    const blockSize = (arena.sizeClasses[p]! + 1) * m.alignment;
    let text = `Pool ${hex(pool)}: size class ${arena.sizeClasses[p]} (${blockSize}-byte blocks), ${arena.used[p]} of ${arena.capacity[p]} blocks in use.`;
    const blocks = this.poolIndex.get(pool);
    if (blocks !== undefined && cell >= BLOCKS_FROM) {
      const side = Math.ceil(Math.sqrt(blocks.states.length));
      const b = (cell - 1) / side;
      const x = px - (LABEL_WIDTH + col * cell - this.scrollX);
      const y = py - (y0 + row * cell);
      const i = Math.floor(y / b) * side + Math.floor(x / b);
      if (i >= 0 && i < blocks.states.length) {
        const address = blocks.pool + blocks.firstOffset + i * blocks.blockSize;
        const obj = this.objectBlocks.get(address);
        text += ` Block ${hex(address)}: ${blocks.states[i] === 0 ? "free" : obj !== undefined ? `object ${hex(obj)}` : "allocated (not an object drawn in the graph)"}.`;
        if (obj !== undefined) this.selection.select(obj);
      }
    } else text += " Zoom in to see and pick its blocks.";
    this.status.textContent = text;
  }

  private clickStrip(m: HeapMapView, px: number): void {
    const total = m.regions.reduce((s, r) => s + r.bytes, 0);
    const span = (this.canvas.clientWidth || 600) - LABEL_WIDTH - 4;
    let x = LABEL_WIDTH;
    for (const r of m.regions) {
      const w = Math.max(2, (r.bytes / total) * span);
      if (px >= x && px < x + w) {
        const address = r.address + ((px - x) / w) * r.bytes;
        let best = -1;
        for (let i = 0; i < m.rawBlocks.length; i += 2) {
          const b = m.rawBlocks[i]!;
          if (address >= b - r.bytes / span && address < b + m.rawBlocks[i + 1]! + r.bytes / span) best = b;
        }
        const obj = best < 0 ? undefined : this.objectBlocks.get(best);
        this.status.textContent = `${r.kind === "arena" ? "Arena" : "Raw region"} ${hex(r.address)}, ${r.bytes} bytes${obj !== undefined ? `; object ${hex(obj)}` : ""}.`;
        if (obj !== undefined) this.selection.select(obj);
        return;
      }
      x += w;
    }
  }
}
