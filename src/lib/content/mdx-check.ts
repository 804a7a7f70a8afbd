/**
 * MDX mistakes an editor makes in the text of a page or plan, found before the build with
 * file and line. MDX treats `{…}` as JavaScript and `<Naam>` as a component; in our content
 * neither is used, so `{PROEF}` is a typo that would fail the build as "PROEF is not defined"
 * without a file or line.
 */
import { mdxToMdast } from 'satteri';
import type { Problem } from './integrity.ts';

interface Node {
  type: string;
  value?: string;
  name?: string | null;
  position?: { start: { line: number; column: number } };
  children?: Node[];
}

/** An expression that is only a comment ({/* … *\/}) renders nothing and needs no name. */
function isComment(code: string): boolean {
  return /^\s*(\/\*[\s\S]*?\*\/\s*)*$/.test(code);
}

function visit(node: Node, found: (node: Node) => void) {
  found(node);
  node.children?.forEach((child) => visit(child, found));
}

export function findMdxProblems(file: string, source: string): Problem[] {
  let tree: Node;
  try {
    tree = mdxToMdast(source) as unknown as Node;
  } catch (error) {
    const message = (error as Error).message;
    const [, line, column] = /^(\d+):(\d+)/.exec(message) ?? [];
    return [
      {
        file,
        field: line ? `regel ${line}` : '(tekst)',
        message: `De tekst is geen geldige MDX${line ? ` (regel ${line}, kolom ${column})` : ''}: ${message.replace(/^\d+:\d+:\s*/, '')}. In MDX is < het begin van een tag en { het begin van code: sluit de tag, of schrijf \\< en \\{ als u het teken zelf bedoelt.`,
      },
    ];
  }
  const problems: Problem[] = [];
  visit(tree, (node) => {
    const line = node.position?.start.line;
    const field = line ? `regel ${line}` : '(tekst)';
    if ((node.type === 'mdxTextExpression' || node.type === 'mdxFlowExpression') && !isComment(node.value ?? '')) {
      const code = (node.value ?? '').trim();
      problems.push({
        file,
        field,
        message: `{${code}} is code in MDX, en "${code}" bestaat niet (undefined expression). Wilt u de accolades tonen, schrijf dan \\{${code}\\}; anders haal ze weg.`,
      });
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name && /^[A-Z]/.test(node.name)) {
      problems.push({
        file,
        field,
        message: `<${node.name}> is geen onderdeel dat de site kent. Gebruik gewone tekst en Markdown (## kop, - lijst, [link](adres)), of schrijf \\<${node.name}> als u het teken < bedoelt.`,
      });
    }
    if (node.type === 'mdxjsEsm') {
      problems.push({ file, field, message: 'import en export horen niet in een inhoudsbestand. Haal de regel weg.' });
    }
  });
  return problems;
}
