/**
 * The playground's scenario editor: CodeMirror with the scenario language's highlighting, the
 * compiler's diagnostics underlined in the text (errors and warnings, with the message on hover)
 * and listed below it as `file:line:col: severity: message` (a click moves the cursor there), and
 * a callback after each pause in typing so the page can compile as the user types.
 */
import { basicSetup } from "codemirror";
import { EditorView } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import type { ShownDiagnostic } from "../sim/PlaygroundSession.js";
import { scenarioLanguage } from "./scenarioLanguage.js";

/** How long typing must pause before the text is compiled (ms). */
const COMPILE_DELAY_MS = 300;

/** The editor and its diagnostics list; see the file comment. */
export class ScenarioEditor {
  private readonly view: EditorView;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param host where the editor goes
   * @param list where the diagnostics are listed
   * @param changed called with the text after a pause in typing
   */
  constructor(
    host: HTMLElement,
    private readonly list: HTMLElement,
    changed: (text: string) => void,
  ) {
    this.view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: "",
        extensions: [
          basicSetup,
          scenarioLanguage,
          lintGutter(),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            if (this.timer !== undefined) clearTimeout(this.timer);
            this.timer = setTimeout(() => changed(this.text), COMPILE_DELAY_MS);
          }),
        ],
      }),
    });
  }

  /** The text. */
  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (no compile is scheduled for it: the caller compiles). */
  setText(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Shows `diagnostics` (of the current text) in the text and in the list. */
  showDiagnostics(diagnostics: readonly ShownDiagnostic[]): void {
    const length = this.view.state.doc.length;
    const marks: LintDiagnostic[] = diagnostics.map((d) => {
      const from = Math.min(d.from, length);
      return {
        from,
        to: Math.min(Math.max(d.to, from), length),
        severity: d.severity,
        message: [d.message, ...d.notes].join("\n"),
      };
    });
    this.view.dispatch(setDiagnostics(this.view.state, marks));
    this.list.replaceChildren(
      ...diagnostics.map((d) => {
        const item = document.createElement("div");
        item.className = `diagnostic ${d.severity}`;
        item.textContent = `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
        for (const note of d.notes) {
          const n = document.createElement("div");
          n.className = "note";
          n.textContent = note;
          item.append(n);
        }
        item.onclick = () => {
          this.view.dispatch({
            selection: { anchor: Math.min(d.from, this.view.state.doc.length) },
            scrollIntoView: true,
          });
          this.view.focus();
        };
        return item;
      }),
    );
  }
}
