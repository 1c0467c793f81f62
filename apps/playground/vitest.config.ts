import { mergeConfig } from "vitest/config";
import shared from "../../.config/vitest.shared.mts";

export default mergeConfig(shared, {
  test: {
    fileParallelism: false,
  },
});
