import assert from "node:assert/strict";
import { test } from "node:test";
import { peekNextLink } from "./next-link.js";

test("peekNextLink reads the next link from a page's text exactly as JSON.parse would", () => {
  const pages = [
    { value: [{ id: "1" }], "@odata.nextLink": "http://127.0.0.1:1/v1.0/users?$skiptoken=abc" },
    { "@odata.nextLink": "https://graph.microsoft.com/beta/auditLogs/signIns?$top=1000&$skiptoken=x%2By", value: [] },
    { value: [], "@odata.nextLink": 'odd "quoted" \\ back\\slash / and \u0026 amp' },
  ];
  for (const p of pages) assert.equal(peekNextLink(JSON.stringify(p)), p["@odata.nextLink"]);
  // Escaped forward slashes and unicode escapes, as some serialisers write them.
  assert.equal(
    peekNextLink('{"value":[],"@odata.nextLink":"https:\\/\\/graph.microsoft.com\\/v1.0\\/users?a=1\\u0026b=2"}'),
    "https://graph.microsoft.com/v1.0/users?a=1&b=2",
  );
  assert.equal(peekNextLink(JSON.stringify({ value: [{ id: "1" }] })), null);
  assert.equal(peekNextLink('{"value":[],"@odata.nextLink":null}'), null);
  assert.equal(peekNextLink('{"value":[],"@odata.nextLink":"unterminated'), null);
  // A string value that mentions the key is escaped in the text, so it is never taken for the link.
  assert.equal(peekNextLink(JSON.stringify({ value: [{ note: '"@odata.nextLink": "nope"' }] })), null);
  // A key in a nested object is found; the sync engine compares with the parsed page and drops it.
  assert.equal(peekNextLink('{"value":[{"@odata.nextLink":"inner"}]}'), "inner");
});
