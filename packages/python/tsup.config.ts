import { defineConfig } from "tsup";
import { preset } from "../../.config/tsup.preset";

export default defineConfig(preset());
