// The nesting guard: deep values are found at their exact line and column; brackets in strings do not count.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { excessiveNesting } from "./json-depth.js";

describe("excessiveNesting", () => {
  it("finds the first bracket past the limit, with its line and column", () => {
    assert.equal(excessiveNesting('{"a":[1,{"b":2}]}', 3), null);
    assert.deepEqual(excessiveNesting('{"a":[1,{"b":[2]}]}', 3), { line: 1, column: 14 });
    assert.deepEqual(excessiveNesting('{\n  "a": [[[\n  ]]]}', 3), { line: 2, column: 10 });
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    assert.equal(excessiveNesting(`{"a":"${"[{".repeat(500)}\\"]"}`, 2), null);
    assert.equal(excessiveNesting(JSON.stringify({ s: "x\n[[[[" }), 1), null);
  });

  it("is not fooled by depth that closes and reopens", () => {
    const wide = `[${Array.from({ length: 1000 }, () => "[[1]]").join(",")}]`;
    assert.equal(excessiveNesting(wide, 3), null);
    assert.notEqual(excessiveNesting(`${"[".repeat(101)}${"]".repeat(101)}`), null);
  });
});
