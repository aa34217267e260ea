// The code editor: CodeMirror 6, bundled by esbuild (scripts/bundle-editor.mjs)
// into one classic script that defines `window.PatternEditor` before the app's
// wasm starts. The Rust side (src/editor.rs) is its only caller.
import { EditorState, Compartment } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { indentOnInput, bracketMatching, syntaxHighlighting, defaultHighlightStyle, HighlightStyle } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { tags } from "@lezer/highlight";

// Colours come from CSS variables so the editor follows the page's light and
// dark themes without a second highlight style.
const themedHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--syntax-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--syntax-string)" },
  { tag: tags.comment, color: "var(--syntax-comment)", fontStyle: "italic" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--syntax-number)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.variableName)], color: "var(--syntax-function)" },
  { tag: [tags.className, tags.typeName], color: "var(--syntax-type)" },
  { tag: tags.meta, color: "var(--syntax-decorator)" },
]);

/**
 * Mounts an editor in `parent`.
 * options: { doc, label, readOnly, onChange(text), onRun() }
 * Returns a handle with getDoc, setDoc, showError({line, column, message}|null), focus, destroy.
 */
function create(parent, options) {
  const editable = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc ?? "",
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        python(),
        syntaxHighlighting(themedHighlight),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lintGutter(),
        EditorState.tabSize.of(4),
        keymap.of([
          { key: "Mod-Enter", run: () => { options.onRun?.(); return true; } },
          // Tab indents; Escape then Tab leaves the editor (CodeMirror's
          // built-in escape hatch), so keyboard users are never trapped.
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        // tabindex: axe counts only tabindex'd elements as focusable, so without it the
        // scroller reads as a region the keyboard cannot reach (contenteditable is in the tab
        // order either way).
        EditorView.contentAttributes.of({ "aria-label": options.label ?? "Python code", tabindex: "0" }),
        editable.of(EditorView.editable.of(!options.readOnly)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getDoc: () => view.state.doc.toString(),
    setDoc(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    showError(error) {
      const diagnostics = [];
      if (error) {
        const doc = view.state.doc;
        const line = doc.line(Math.min(Math.max(error.line, 1), doc.lines));
        const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
        diagnostics.push({ from, to: Math.min(from + 1, line.to), severity: "error", message: error.message });
      }
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

window.PatternEditor = { create };
