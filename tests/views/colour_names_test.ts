import assert from "node:assert/strict";
import { colouredRuns, fitRuns } from "../../views/coloured_name.ts";
import { ET_COLOURS, etColour, readableOnDark, THEME } from "../../views/palette.ts";
import { measureText } from "../../views/text_measure.ts";

Deno.test("colour codes split a name into runs in the game's palette", () => {
  assert.deepEqual(colouredRuns("^1Fox^7Trot"), [
    { text: "Fox", colour: "#ff0000" },
    { text: "Trot", colour: "#ffffff" },
  ]);
  // Letters index the table by (code - '0') & 31: a and A are the same light orange.
  assert.equal(etColour("a"), etColour("A"));
  assert.equal(etColour("a"), ET_COLOURS[17]);
});

Deno.test("^^ prints a caret and the second caret starts the next code", () => {
  assert.deepEqual(colouredRuns("^^1x"), [
    { text: "^", colour: THEME.text },
    { text: "x", colour: "#ff0000" },
  ]);
});

Deno.test("a trailing caret, a caret before a space or non-ASCII stays text", () => {
  assert.deepEqual(colouredRuns("end^"), [{ text: "end^", colour: THEME.text }]);
  assert.deepEqual(colouredRuns("a^ b"), [{ text: "a^ b", colour: THEME.text }]);
  assert.deepEqual(colouredRuns("^ЖЖ"), [{ text: "^ЖЖ", colour: THEME.text }]);
});

Deno.test("black and navy are lifted to read on the dark theme; bright colours stay", () => {
  assert.notEqual(etColour("0"), "#000000");
  assert.notEqual(etColour(">"), "#00007f");
  assert.equal(readableOnDark("#ffff00"), "#ffff00");
  assert.equal(etColour("^"), null);
});

Deno.test("a long name is cut with an ellipsis at the measured width, colours kept", () => {
  const style = { fontSize: 16 };
  const runs = colouredRuns("^1VeryLongClanTag^7|^3SomeoneWithAnExtremelyLongName😀ЖЖЖ");
  const fitted = fitRuns(runs, 150, style);
  const text = fitted.map((r) => r.text).join("");
  assert.ok(text.endsWith("…"), text);
  assert.ok(measureText(text, style) <= 150, `${text} is ${measureText(text, style)} px`);
  assert.equal(fitted[0]!.colour, "#ff0000");
  // A name that fits is untouched.
  assert.deepEqual(fitRuns(colouredRuns("^2ok"), 150, style), [{ text: "ok", colour: "#00ff00" }]);
});

Deno.test("a name of only colour codes or spaces shows a placeholder", () => {
  assert.deepEqual(fitRuns(colouredRuns("^1^2  "), 100, { fontSize: 16 }), [
    { text: "(no name)", colour: THEME.muted },
  ]);
});
