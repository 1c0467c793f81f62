/**
 * The built-in workloads by name, in the order help lists them.
 *
 * @module
 */
import type { Workload } from "../workload";
import { churn } from "./churn";
import { cycles } from "./cycles";
import { json } from "./json";
import { strings } from "./strings";
import { trees } from "./trees";

/** Every built-in workload. */
export const WORKLOADS: readonly Workload[] = [churn, trees, cycles, json, strings];

/** Names of the built-in workloads. */
export const WORKLOAD_NAMES: readonly string[] = WORKLOADS.map((w) => w.name);

/** The workload named `name`, or undefined. */
export function findWorkload(name: string): Workload | undefined {
  return WORKLOADS.find((w) => w.name === name);
}
