import type { RuleMeta } from '../ruleApi/types';

type WithMeta = { meta: RuleMeta };

/**
 * Bandit's checks (1.8 and the ones removed since 1.6), with their Ruff `S` equivalents: the
 * list the mapping in docs/bandit-mapping.md is checked against. Which of our rules covers a check
 * comes from the rules' own `meta.bandit`; a check no rule covers needs a reason in `leftOut`.
 */
export interface BanditCheck {
  id: string;
  name: string;
  ruff?: string;
}

export const banditChecks: readonly BanditCheck[] = [
  { id: 'B101', name: 'assert_used', ruff: 'S101' },
  { id: 'B102', name: 'exec_used', ruff: 'S102' },
  { id: 'B103', name: 'set_bad_file_permissions', ruff: 'S103' },
  { id: 'B104', name: 'hardcoded_bind_all_interfaces', ruff: 'S104' },
  { id: 'B105', name: 'hardcoded_password_string', ruff: 'S105' },
  { id: 'B106', name: 'hardcoded_password_funcarg', ruff: 'S106' },
  { id: 'B107', name: 'hardcoded_password_default', ruff: 'S107' },
  { id: 'B108', name: 'hardcoded_tmp_directory', ruff: 'S108' },
  { id: 'B109', name: 'password_config_option_not_marked_secret' },
  { id: 'B110', name: 'try_except_pass', ruff: 'S110' },
  { id: 'B111', name: 'execute_with_run_as_root_equals_true' },
  { id: 'B112', name: 'try_except_continue', ruff: 'S112' },
  { id: 'B113', name: 'request_without_timeout', ruff: 'S113' },
  { id: 'B201', name: 'flask_debug_true', ruff: 'S201' },
  { id: 'B202', name: 'tarfile_unsafe_members', ruff: 'S202' },
  { id: 'B301', name: 'pickle', ruff: 'S301' },
  { id: 'B302', name: 'marshal', ruff: 'S302' },
  { id: 'B303', name: 'md5', ruff: 'S303' },
  { id: 'B304', name: 'ciphers', ruff: 'S304' },
  { id: 'B305', name: 'cipher_modes', ruff: 'S305' },
  { id: 'B306', name: 'mktemp_q', ruff: 'S306' },
  { id: 'B307', name: 'eval', ruff: 'S307' },
  { id: 'B308', name: 'mark_safe', ruff: 'S308' },
  { id: 'B309', name: 'httpsconnection' },
  { id: 'B310', name: 'urllib_urlopen', ruff: 'S310' },
  { id: 'B311', name: 'random', ruff: 'S311' },
  { id: 'B312', name: 'telnetlib', ruff: 'S312' },
  { id: 'B313', name: 'xml_bad_cElementTree', ruff: 'S313' },
  { id: 'B314', name: 'xml_bad_ElementTree', ruff: 'S314' },
  { id: 'B315', name: 'xml_bad_expatreader', ruff: 'S315' },
  { id: 'B316', name: 'xml_bad_expatbuilder', ruff: 'S316' },
  { id: 'B317', name: 'xml_bad_sax', ruff: 'S317' },
  { id: 'B318', name: 'xml_bad_minidom', ruff: 'S318' },
  { id: 'B319', name: 'xml_bad_pulldom', ruff: 'S319' },
  { id: 'B320', name: 'xml_bad_etree', ruff: 'S320' },
  { id: 'B321', name: 'ftplib', ruff: 'S321' },
  { id: 'B322', name: 'input' },
  { id: 'B323', name: 'unverified_context', ruff: 'S323' },
  { id: 'B324', name: 'hashlib_insecure_functions', ruff: 'S324' },
  { id: 'B325', name: 'tempnam' },
  { id: 'B401', name: 'import_telnetlib', ruff: 'S401' },
  { id: 'B402', name: 'import_ftplib', ruff: 'S402' },
  { id: 'B403', name: 'import_pickle', ruff: 'S403' },
  { id: 'B404', name: 'import_subprocess', ruff: 'S404' },
  { id: 'B405', name: 'import_xml_etree', ruff: 'S405' },
  { id: 'B406', name: 'import_xml_sax', ruff: 'S406' },
  { id: 'B407', name: 'import_xml_expat', ruff: 'S407' },
  { id: 'B408', name: 'import_xml_minidom', ruff: 'S408' },
  { id: 'B409', name: 'import_xml_pulldom', ruff: 'S409' },
  { id: 'B410', name: 'import_lxml', ruff: 'S410' },
  { id: 'B411', name: 'import_xmlrpclib', ruff: 'S411' },
  { id: 'B412', name: 'import_httpoxy', ruff: 'S412' },
  { id: 'B413', name: 'import_pycrypto', ruff: 'S413' },
  { id: 'B414', name: 'import_pycryptodome' },
  { id: 'B415', name: 'import_pyghmi', ruff: 'S415' },
  { id: 'B501', name: 'request_with_no_cert_validation', ruff: 'S501' },
  { id: 'B502', name: 'ssl_with_bad_version', ruff: 'S502' },
  { id: 'B503', name: 'ssl_with_bad_defaults', ruff: 'S503' },
  { id: 'B504', name: 'ssl_with_no_version', ruff: 'S504' },
  { id: 'B505', name: 'weak_cryptographic_key', ruff: 'S505' },
  { id: 'B506', name: 'yaml_load', ruff: 'S506' },
  { id: 'B507', name: 'ssh_no_host_key_verification', ruff: 'S507' },
  { id: 'B508', name: 'snmp_insecure_version', ruff: 'S508' },
  { id: 'B509', name: 'snmp_weak_cryptography', ruff: 'S509' },
  { id: 'B601', name: 'paramiko_calls', ruff: 'S601' },
  { id: 'B602', name: 'subprocess_popen_with_shell_equals_true', ruff: 'S602' },
  { id: 'B603', name: 'subprocess_without_shell_equals_true', ruff: 'S603' },
  { id: 'B604', name: 'any_other_function_with_shell_equals_true', ruff: 'S604' },
  { id: 'B605', name: 'start_process_with_a_shell', ruff: 'S605' },
  { id: 'B606', name: 'start_process_with_no_shell', ruff: 'S606' },
  { id: 'B607', name: 'start_process_with_partial_path', ruff: 'S607' },
  { id: 'B608', name: 'hardcoded_sql_expressions', ruff: 'S608' },
  { id: 'B609', name: 'linux_commands_wildcard_injection', ruff: 'S609' },
  { id: 'B610', name: 'django_extra_used', ruff: 'S610' },
  { id: 'B611', name: 'django_rawsql_used', ruff: 'S611' },
  { id: 'B612', name: 'logging_config_insecure_listen', ruff: 'S612' },
  { id: 'B613', name: 'trojansource' },
  { id: 'B614', name: 'pytorch_load' },
  { id: 'B615', name: 'huggingface_unsafe_download' },
  { id: 'B701', name: 'jinja2_autoescape_false', ruff: 'S701' },
  { id: 'B702', name: 'use_of_mako_templates', ruff: 'S702' },
  { id: 'B703', name: 'django_mark_safe' },
  { id: 'B704', name: 'markupsafe_markup_xss', ruff: 'S704' },
];

/** Checks deliberately not covered, and why. */
export const leftOut: Readonly<Record<string, string>> = {
  B109: 'Removed from Bandit (OpenStack `oslo.config` specific).',
  B111: 'Removed from Bandit (OpenStack rootwrap specific).',
  B309: 'Removed from Bandit: since Python 3.4.3 (PEP 476) `HTTPSConnection` verifies certificates by default.',
  B322: "Removed from Bandit: Python 2's `input()` evaluated its text; Python 3's does not.",
  B325: 'Removed from Bandit: `os.tempnam`/`os.tmpnam` do not exist in Python 3.',
  B404: 'Importing `subprocess` is not a finding; what is run and how is (PSG102).',
  B412: "httpoxy: Python's `urllib` ignores `HTTP_PROXY` in CGI requests since 3.5.2 (bpo-27568), and the fix belongs in the web server.",
  B413: 'The `Crypto` namespace belongs to both the abandoned PyCrypto and the maintained PyCryptodome, which imports cannot tell apart; broken algorithms are reported by PSG311 whichever package provides them.',
  B414: 'Removed from Bandit: PyCryptodome is maintained.',
  B504: 'Leaving the TLS version out is the recommended practice: since Python 3.6 the default negotiates the highest version both sides support. Old versions named explicitly are PSG502.',
  B603: 'Starting a program with an argument list and no shell is the recommended way to do it; flagging every such call is noise. Values reaching a shell are PSG102.',
  B604: 'A `shell=True` keyword on a function other than the known process APIs says nothing about what the function does; known shell APIs are PSG102.',
  B607: 'Starting a program by name (`["git", ...]`) through PATH is normal practice; an attacker who controls PATH already controls the process.',
};

export interface BanditMappingRow {
  check: BanditCheck;
  rules: string[];
  reason?: string;
}

/** Every Bandit check with the rules that cover it (from their meta) or the reason it is left out. */
export function banditMapping(rules: readonly WithMeta[]): BanditMappingRow[] {
  return banditChecks.map((check) => ({
    check,
    rules: rules.filter((rule) => rule.meta.bandit.includes(check.id)).map((rule) => rule.meta.id),
    reason: leftOut[check.id],
  }));
}
