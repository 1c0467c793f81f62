/**
 * The hex view of one object: its block's bytes, sixteen to a row, each byte tinted by the
 * field it belongs to, with the field table (offset, name, value) beside it.
 *
 * @module
 */
import type { ObjectNode } from "../engine/snapshot-types";
import { el, hex } from "./selection";

const FIELD_TINTS = ["#e3f2fd", "#fff3e0", "#e8f5e9", "#fce4ec", "#ede7f6", "#e0f7fa", "#f9fbe7", "#efebe9"];

function fieldValue(bytes: Uint8Array, offset: number, size: number): string {
  if (size > 8) return `${size} bytes`;
  let value = 0n;
  for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i] ?? 0);
  return size >= 4 ? `0x${value.toString(16)} (${value})` : String(value);
}

/** Renders the hex view of `node` into a new element. */
export function renderHexView(node: ObjectNode): HTMLElement {
  const root = el("section", "hex-view");
  root.setAttribute("aria-label", `Bytes of the ${node.type} at ${hex(node.address)}`);
  root.append(
    el(
      "h3",
      "",
      `${node.type} at ${hex(node.address)} — block ${hex(node.block)}, ${node.blockBytes} bytes (first ${node.bytes.length} shown)`,
    ),
  );
  const owner = new Int16Array(node.bytes.length).fill(-1);
  node.fields.forEach((f, i) => {
    for (let b = f.offset; b < f.offset + f.size && b < owner.length; b++) owner[b] = i;
  });
  const pre = el("pre", "hex-bytes");
  for (let row = 0; row < node.bytes.length; row += 16) {
    const line = el("div", "hex-row");
    line.append(el("span", "hex-offset", `+${row.toString(16).padStart(3, "0")} `));
    for (let b = row; b < Math.min(row + 16, node.bytes.length); b++) {
      const cell = el("span", "hex-byte", node.bytes[b]!.toString(16).padStart(2, "0"));
      const f = owner[b]!;
      if (f >= 0) {
        cell.style.background = FIELD_TINTS[f % FIELD_TINTS.length]!;
        cell.title = node.fields[f]!.name;
      }
      line.append(cell, document.createTextNode(" "));
    }
    pre.append(line);
  }
  const table = el("table", "field-table");
  table.innerHTML =
    "<thead><tr><th scope='col'>offset</th><th scope='col'>field</th><th scope='col'>value</th></tr></thead>";
  const body = el("tbody");
  node.fields.forEach((f, i) => {
    const tr = el("tr");
    const name = el("td", "", f.name);
    name.style.background = FIELD_TINTS[i % FIELD_TINTS.length]!;
    tr.append(el("td", "", `+${f.offset}`), name, el("td", "", fieldValue(node.bytes, f.offset, f.size)));
    body.append(tr);
  });
  table.append(body);
  root.append(pre, table);
  return root;
}
