// Lists the public surface of @kubecomply/core: every name each entry point
// exports, with what it is (function, class, const, type, interface). The
// list is committed as packages/core/api.txt and test/api-surface.test.ts
// fails when it changes by accident:
//   node scripts/api-surface.mjs > packages/core/api.txt   (after a deliberate change)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRIES = { '@kubecomply/core': 'packages/core/src/index.ts', '@kubecomply/core/testing': 'packages/core/src/testing/index.ts' };

function kindOf(symbol, checker) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const f = target.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Variable) return 'const';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  return 'other';
}

export function apiSurface() {
  const files = Object.values(ENTRIES).map((f) => path.join(root, f));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const lines = [];
  for (const [name, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(path.join(root, file));
    const module = checker.getSymbolAtLocation(source);
    const exports = checker
      .getExportsOfModule(module)
      .map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        const documented = ts.displayPartsToString(target.getDocumentationComment(checker)).trim() !== '';
        return `${kindOf(s, checker)} ${s.getName()}${documented ? '' : '  (undocumented)'}`;
      })
      .sort();
    lines.push(`# ${name}`, ...exports, '');
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.stdout.write(apiSurface());
