import { templateSafeFilter } from './web/templateSafeFilter';
import { passwordHashCompared } from './crypto/passwordHashCompared';
import { weakPasswordHash } from './crypto/weakPasswordHash';
import { uploadClientFilename } from './uploads/uploadClientFilename';
import { uploadWithoutChecks } from './uploads/uploadWithoutChecks';
import { oldTlsProtocol } from './tls/oldTlsProtocol';
import { plainHttpUrl } from './tls/plainHttpUrl';
import { tlsVerificationDisabled } from './tls/tlsVerificationDisabled';
import { flaskDebug } from './web/flaskDebug';
import { jwtDecodeWithoutAlgorithms } from './web/jwtDecodeWithoutAlgorithms';
import { jwtVerificationDisabled } from './web/jwtVerificationDisabled';
import { jwtWithoutExpiry } from './web/jwtWithoutExpiry';
import { jinjaAutoescapeDisabled } from './web/jinjaAutoescapeDisabled';
import { templateFromData } from './web/templateFromData';
import { unsafeMarkup } from './web/unsafeMarkup';
import { authRouteWithoutRateLimit } from './web/authRouteWithoutRateLimit';
import { csrfDisabled } from './web/csrfDisabled';
import { flaskFormsWithoutCsrf } from './web/flaskFormsWithoutCsrf';
import { missingSecurityHeaders } from './web/missingSecurityHeaders';
import { httpsNotEnforced } from './web/httpsNotEnforced';
import { unpinnedDependency } from './dependencies/unpinnedDependency';
import { knownVulnerabilities } from './dependencies/knownVulnerabilities';
import { envFileNotIgnored } from './secrets/envFileNotIgnored';
import { hardcodedTempPath } from './files/hardcodedTempPath';
import { insecureMktemp } from './files/insecureMktemp';
import { pathTraversal } from './files/pathTraversal';
import { permissiveFileMode } from './files/permissiveFileMode';
import { tarExtraction } from './files/tarExtraction';
import { insecureRandom } from './crypto/insecureRandom';
import { weakCipher } from './crypto/weakCipher';
import { weakHash } from './crypto/weakHash';
import { weakKey } from './crypto/weakKey';
import { torchLoad } from './deserialization/torchLoad';
import { unpinnedModelDownload } from './deserialization/unpinnedModelDownload';
import { unsafeDeserialization } from './deserialization/unsafeDeserialization';
import { unsafeXmlParser } from './deserialization/unsafeXmlParser';
import { unsafeYamlLoad } from './deserialization/unsafeYamlLoad';
import { codeInjection } from './injection/codeInjection';
import { shellCommandInjection } from './injection/shellCommand';
import { logInjection } from './injection/logInjection';
import { sqlBuiltFromStrings } from './injection/sqlBuiltFromStrings';
import { hardcodedSecret } from './secrets/hardcodedSecret';
import { secretInLog } from './secrets/secretInLog';
import { bindAllInterfaces } from './network/bindAllInterfaces';
import { cleartextProtocol } from './network/cleartextProtocol';
import { insecureSnmp } from './network/insecureSnmp';
import { loggingConfigListen } from './network/loggingConfigListen';
import { requestWithoutTimeout } from './network/requestWithoutTimeout';
import { sshHostKeyNotVerified } from './network/sshHostKeyNotVerified';
import { urlOpenScheme } from './network/urlOpenScheme';
import { bidirectionalText } from './source/bidirectionalText';
import { makoTemplate } from './web/makoTemplate';
import type { FileRule, Rule, RuleMeta } from '../ruleApi/types';
import { openRedirect } from './web/openRedirect';
import { serverSideRequestForgery } from './web/serverSideRequestForgery';
import { htmlResponseXss } from './web/htmlResponseXss';
import { headerInjection } from './injection/headerInjection';
import { untrustedSessionData } from './web/untrustedSessionData';
import { insecureCookie } from './web/insecureCookie';
import { sessionCookieSettings } from './web/sessionCookieSettings';
import { debugSettings } from './web/debugSettings';
import { allowedHostsWildcard } from './web/allowedHostsWildcard';
import { xpathInjection } from './injection/xpathInjection';

import { ldapInjection } from './injection/ldapInjection';

import { nosqlInjection } from './injection/nosqlInjection';

import { xmlExternalEntities } from './deserialization/xmlExternalEntities';

import { pseudoRandomUsed } from './crypto/pseudoRandomUsed';

import { libraryCodeEvaluation } from './injection/libraryCodeEvaluation';

import { codeWrittenToFile } from './injection/codeWrittenToFile';

import { processStartedFromValue } from './injection/processStartedFromValue';

import { sqlBuiltForUnseenSink } from './injection/sqlBuiltForUnseenSink';

import { assertAccessCheck } from './web/assertAccessCheck';

import { swallowedSecurityCheck } from './web/swallowedSecurityCheck';

/** Every rule, in id order. Adding a rule is one file and one line here. */
export const allRules: readonly Rule[] = [
  sqlBuiltFromStrings,
  secretInLog,
  hardcodedSecret,
  pathTraversal,
  weakPasswordHash,
  passwordHashCompared,
  uploadClientFilename,
  uploadWithoutChecks,
  tlsVerificationDisabled,
  oldTlsProtocol,
  plainHttpUrl,
  flaskDebug,
  jwtDecodeWithoutAlgorithms,
  jwtVerificationDisabled,
  jwtWithoutExpiry,
  jinjaAutoescapeDisabled,
  unsafeMarkup,
  templateFromData,
  htmlResponseXss,
  headerInjection,
  untrustedSessionData,
  insecureCookie,
  sessionCookieSettings,
  debugSettings,
  allowedHostsWildcard,
  csrfDisabled,
  flaskFormsWithoutCsrf,
  missingSecurityHeaders,
  authRouteWithoutRateLimit,
  httpsNotEnforced,
  shellCommandInjection,
  codeInjection,
  bidirectionalText,
  weakHash,
  weakCipher,
  weakKey,
  insecureRandom,
  hardcodedTempPath,
  insecureMktemp,
  permissiveFileMode,
  tarExtraction,
  requestWithoutTimeout,
  bindAllInterfaces,
  urlOpenScheme,
  cleartextProtocol,
  loggingConfigListen,
  sshHostKeyNotVerified,
  insecureSnmp,
  makoTemplate,
  unsafeDeserialization,
  unsafeYamlLoad,
  torchLoad,
  unpinnedModelDownload,
  unsafeXmlParser,
  serverSideRequestForgery,
  openRedirect,
  logInjection,
  xpathInjection,
  ldapInjection,
  nosqlInjection,
  xmlExternalEntities,
  pseudoRandomUsed,
  libraryCodeEvaluation,
  codeWrittenToFile,
  processStartedFromValue,
  sqlBuiltForUnseenSink,
  assertAccessCheck,
  swallowedSecurityCheck,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Rules about files that are not Python source: requirements*.txt, pyproject.toml, .env. */
export const allFileRules: readonly FileRule[] = [
  unpinnedDependency,
  knownVulnerabilities,
  envFileNotIgnored,
  templateSafeFilter,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Every rule of both kinds, in id order: what documentation, SARIF and settings list. */
export const catalog: readonly { meta: RuleMeta }[] = [...allRules, ...allFileRules].sort((a, b) =>
  a.meta.id.localeCompare(b.meta.id),
);

export const rulesById: ReadonlyMap<string, { meta: RuleMeta }> = new Map(catalog.map((rule) => [rule.meta.id, rule]));
