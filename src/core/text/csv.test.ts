// The CSV writer: quoting, formula neutralisation, and the reading back of neutralised cells.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvField, csvRow, unneutralize } from "./csv.js";

describe("csvField", () => {
  it("neutralises cells a spreadsheet would run, and quotes what CSV needs", () => {
    assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvField("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
    assert.equal(csvField("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(csvField("-1+1"), "'-1+1");
    assert.equal(csvField("\tx"), "'\tx");
    assert.equal(csvField("\rx"), `"'\rx"`);
    assert.equal(csvField("a\r\nb"), '"a\r\nb"', "a CR or LF never splits the row");
    assert.equal(csvField("a,b"), '"a,b"');
    assert.equal(csvField(" padded "), '" padded "');
    assert.equal(csvField("plain"), "plain");
  });

  it("writes Microsoft's downloads as they are when neutralisation is off", () => {
    assert.equal(csvField("=1", { neutralize: false }), "=1");
    assert.equal(csvField("Application ID ", { neutralize: false, quoteEdgeSpace: false }), "Application ID ");
  });

  it("round-trips: every string survives neutralise-then-read", () => {
    for (const s of ["=1", "+a", "-5", "@x", "\tt", "\rr", "'=kept", "plain", "", "'"]) {
      const cell = csvField(s)
        .replace(/^"(.*)"$/s, "$1")
        .replace(/""/g, '"');
      assert.equal(unneutralize(cell), s, JSON.stringify(s));
    }
    assert.equal(csvRow(["a", "=b", "c,d"]), 'a,\'=b,"c,d"');
  });
});
