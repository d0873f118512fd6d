// Markdown tables keep tenant text in its cell: an already escaped pipe is not escaped twice.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownSafe } from "../core/text/safe-text.js";
import { mdTable } from "./text.js";

describe("mdTable", () => {
  it("keeps a table whole: an escaped pipe is not escaped twice", () => {
    const row = mdTable(["name"], [[markdownSafe("a|b\\")]]).split("\n")[2];
    assert.equal(row, "| a\\|b\\\\ |");
  });
});
