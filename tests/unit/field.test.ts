import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field } from "@/app/components/field";

/** The markup the staff forms wrote by hand before <Field>; the e2e specs find fields by these labels and ids. */
const html = (props: Parameters<typeof Field>[0]) => renderToStaticMarkup(h(Field, props));

describe("Field", () => {
  it("labels its control and ties the error to it only when there is one", () => {
    expect(html({ id: "email", label: "E-mail", children: h("input", { type: "email" }) })).toBe('<label for="email">E-mail</label><input type="email" id="email"/>');
    expect(html({ id: "email", label: "E-mail", error: "Enter an e-mail.", children: h("input", { type: "email" }) })).toBe(
      '<label for="email">E-mail</label><input type="email" id="email" aria-invalid="true" aria-describedby="email-error"/><p class="field-error" id="email-error">Enter an e-mail.</p>',
    );
  });

  it("puts a hint above the control when asked, described before the error", () => {
    expect(html({ id: "wave-slug", label: "Slug", hint: "Latin letters", hintAbove: true, error: "Taken", children: h("input") })).toBe(
      '<label for="wave-slug">Slug</label><p class="hint" id="wave-slug-hint">Latin letters</p><input id="wave-slug" aria-invalid="true" aria-describedby="wave-slug-hint wave-slug-error"/><p class="field-error" id="wave-slug-error">Taken</p>',
    );
  });

  it("shows the error in the hint's place when the hint gives way to it", () => {
    expect(html({ id: "token-name", label: "Name", hint: "What for", errorReplacesHint: true, children: h("input") })).toBe(
      '<label for="token-name">Name</label><input id="token-name" aria-describedby="token-name-hint"/><p class="hint" id="token-name-hint">What for</p>',
    );
    expect(html({ id: "token-name", label: "Name", hint: "What for", error: "Required", errorReplacesHint: true, children: h("input") })).toBe(
      '<label for="token-name">Name</label><input id="token-name" aria-invalid="true" aria-describedby="token-name-hint"/><p class="field-error" id="token-name-hint">Required</p>',
    );
  });

  it("adds texts from elsewhere to the description, and an error can be an alert", () => {
    expect(html({ id: "import-csv", label: "CSV", describedBy: "import-columns", children: h("textarea") })).toBe(
      '<label for="import-csv">CSV</label><textarea id="import-csv" aria-describedby="import-columns"></textarea>',
    );
    expect(html({ id: "import-csv", label: "CSV", describedBy: "import-columns", error: "Not UTF-8", errorRole: "alert", children: h("textarea") })).toBe(
      '<label for="import-csv">CSV</label><textarea id="import-csv" aria-invalid="true" aria-describedby="import-csv-error import-columns"></textarea><p class="field-error" id="import-csv-error" role="alert">Not UTF-8</p>',
    );
  });

  it("wraps a checkbox in its label, hint after", () => {
    expect(html({ id: "wave-invitation", label: "By invitation", hint: "Codes", check: true, children: h("input", { type: "checkbox" }) })).toBe(
      '<label class="option" for="wave-invitation"><input type="checkbox" id="wave-invitation" aria-describedby="wave-invitation-hint"/>By invitation</label><p class="hint" id="wave-invitation-hint">Codes</p>',
    );
  });
});
