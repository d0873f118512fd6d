// Tenant text in text and Markdown output: controls and bidi overrides visible, no forged lines, no HTML,
// no links; the JSON document is never touched.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanStrings, markdownSafe, terminalSafe } from "./safe-text.js";

describe("terminalSafe", () => {
  it("shows every C0/C1 control and bidi override as an escape", () => {
    assert.equal(terminalSafe("\u001b]0;owned\u0007title"), "\\e]0;owned\\x07title");
    assert.equal(terminalSafe("\u001b[2J\u001b[Hclear"), "\\e[2J\\e[Hclear");
    assert.equal(terminalSafe("Policy\nREADY: yes\r"), "Policy\\nREADY: yes\\r");
    assert.equal(terminalSafe("admin\u202egnp.exe"), "admin\\u202egnp.exe");
    assert.equal(terminalSafe("\u009b31m"), "\\x9b31m");
    assert.equal(terminalSafe("Zoë – 中文 ok"), "Zoë – 中文 ok", "ordinary text is unchanged");
  });
});

describe("markdownSafe", () => {
  it("makes raw HTML, links, images, code-span breaks, table cells and forged headings inert", () => {
    assert.equal(markdownSafe("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)>");
    assert.equal(markdownSafe("[click](javascript:alert(1))"), "\\[click\\](javascript:alert(1))");
    assert.equal(markdownSafe("![t](https://track.example/p.gif)"), "!\\[t\\](https://track.example/p.gif)");
    assert.equal(markdownSafe("x\n# READY: yes"), "x\\n# READY: yes");
    assert.equal(markdownSafe("a|b`c"), "a\\|b\\`c");
    assert.equal(markdownSafe("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
    assert.equal(markdownSafe("Sales & Marketing_team *.onmicrosoft.com"), "Sales & Marketing_team *.onmicrosoft.com");
  });
});

describe("cleanStrings", () => {
  it("cleans every string of a result, keys included, and leaves the original intact", () => {
    const result = { users: [{ displayName: "x\u001b[31m", n: 1 }], byApp: { "a\nb": 2 }, when: null };
    const clean = cleanStrings(result, terminalSafe);
    assert.deepEqual(clean, { users: [{ displayName: "x\\e[31m", n: 1 }], byApp: { "a\\nb": 2 }, when: null });
    assert.equal(result.users[0]?.displayName, "x\u001b[31m");
  });
});
