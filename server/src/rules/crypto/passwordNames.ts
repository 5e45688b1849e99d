import type { Node } from '../../parser/parser';
import { splitWords } from '../secrets/secretInLog';

const passwordWords = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass', 'pw', 'passwort', 'pword']);

/** `password`, `user_pw`, `newPassword`, `data["password"]`: a name that holds a password. */
export function isPasswordName(name: string): boolean {
  const words = splitWords(name);
  if (words.length > 1 && /^(?:len|length|min|max|has|is|num|count)$/.test(words[0])) return false;
  if (
    words.length > 1 &&
    /^(?:length|len|field|label|prompt|policy|hint|min|max|regex|url|required|changed|reset|expiry|expires|attempts)$/.test(
      words[words.length - 1],
    )
  )
    return false;
  return words.some((word) => passwordWords.has(word)) || /^(?:[a-z]+_)*(?:password|passwd)/.test(words.join('_'));
}

/** The first name inside `expression` that holds a password (`password.encode()` → `password`). */
export function passwordValueIn(expression: Node): Node | undefined {
  const stack: Node[] = [expression];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'identifier' && isPasswordName(node.text)) {
      // `password.encode`: the method name is not a value; the object is.
      const parent = node.parent;
      if (!(
        parent?.type === 'attribute' &&
        parent.childForFieldName('attribute')?.id === node.id &&
        parent.parent?.type === 'call'
      ))
        return node;
    }
    if (
      node.type === 'string' &&
      node.parent?.type === 'subscript' &&
      isPasswordName(node.text.replace(/^[rbuRBU]*["']|["']$/g, ''))
    )
      return node.parent;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return undefined;
}
