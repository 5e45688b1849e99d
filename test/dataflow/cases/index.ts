// Every pair of the corpus, grouped by sink kind.
import type { Pair } from '../model';
import { aiohttpPairs } from './aiohttp';
import { codePairs } from './code';
import { deserializationPairs } from './deserialization';
import { headerPairs } from './header';
import { ldapPairs } from './ldap';
import { nosqlPairs } from './nosql';
import { pathPairs } from './path';
import { redirectPairs } from './redirect';
import { shellPairs } from './shell';
import { sqlPairs } from './sql';
import { ssrfPairs } from './ssrf';
import { xpathPairs } from './xpath';
import { xssPairs } from './xss';

export const corpus: readonly Pair[] = [
  ...sqlPairs,
  ...shellPairs,
  ...codePairs,
  ...pathPairs,
  ...ssrfPairs,
  ...redirectPairs,
  ...deserializationPairs,
  ...xssPairs,
  ...headerPairs,
  ...xpathPairs,
  ...ldapPairs,
  ...nosqlPairs,
  ...aiohttpPairs,
];
