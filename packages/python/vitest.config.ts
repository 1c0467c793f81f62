export { default } from "../../.config/vitest.shared.mts";
