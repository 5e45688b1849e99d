import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG201',
  valid: [
    { name: "the 2026 guide's good example", code: 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("Connecting to database")\n' },
    { name: "the guide's security-event logging without secrets", code: dedent(`
        import logging
        logger = logging.getLogger("security")
        def log_failed_login(username: str, ip_address: str):
            logger.warning("Failed login attempt", extra={"username": username, "ip_address": ip_address, "event": "failed_login"})
      `) },
    { name: 'names that merely mention a secret', code: 'import logging\nlogging.info("policy %s %s %s", password_length, token_type, has_password)\n' },
    { name: 'a masked constant', code: 'import logging\nlogging.debug("password=%s", "***")\n' },
    { name: 'the length of a secret is not the secret', code: 'print("password has", len(password), "characters")\n' },
    { name: 'a method named info on something that is not a logger', code: 'panel.info(f"token {token}")\n' },
    { name: 'words containing auth but not a secret', code: 'import logging\nlogging.info("author %s", author)\n' },
    { name: 'print is shadowed by a local function', code: 'def print(*args):\n    pass\nprint(password)\n' },
    { name: 'suppressed with a reason', code: 'import logging\nlogging.info("otp %s", otp)  # psg-ignore: PSG201 -- test fixture value\n' },
    { name: 'the token URL is not the token', code: 'import logging\nlogging.info("fetching %s", token_url)\n' },
    { name: "CPython's tokenize.py prints lexer tokens, not secrets", code: dedent(`
        import re
        import sys
        from token import *
        from token import EXACT_TOKEN_TYPES

        def _main(args=None):
            import argparse
            parser = argparse.ArgumentParser(prog='python -m tokenize')
            args = parser.parse_args(args)
            tokens = list(tokenize(sys.stdin.buffer.readline))
            for token in tokens:
                token_type = token.type
                if args.exact:
                    token_type = token.exact_type
                token_range = "%d,%d-%d,%d:" % (token.start + token.end)
                print("%-20s%-15s%-15r" % (token_range, tok_name[token_type], token.string))
                print("%-20s%r" % (token_range, token.string))
                print(f"{token} {token_type} {tokens}")
      `) },
    { name: 'the position of a token is not a token', code: 'print("%-20s%r" % (token_range, token.string))\n' },
    { name: 'a loop over tokenize.generate_tokens', code: dedent(`
        import io
        import tokenize as tk
        def dump(source):
            for token in tk.generate_tokens(io.StringIO(source).readline):
                print(token)
      `) },
    { name: 'a loop over a list named tokens, without any import', code: dedent(`
        import logging
        log = logging.getLogger(__name__)
        def show(tokens):
            for tok_index, token in enumerate(tokens):
                log.debug("token %d: %r", tok_index, token)
      `) },
    { name: "a parser's next_token and a token taken from the lexer", code: dedent(`
        import logging
        logger = logging.getLogger(__name__)
        def parse(self):
            token = self.next_token()
            logger.debug("parsing %s (next %s)", token, self.peek_token())
            current_token = next(self.tokens)
            logger.debug("then %s", current_token)
      `) },
    { name: "a lexer class's own token attribute", code: dedent(`
        import logging
        class ExpressionLexer:
            def error(self):
                logging.error("unexpected %r at %d", self.token, self.pos)
      `) },
  ],
  invalid: [
    {
      name: "the 2026 guide's bad example",
      code: 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info(f"Connecting with password: {password}")\n',
      findings: [{ text: 'password', message: 'looks like a secret' }],
      output: 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("Connecting with password: ***")\n',
    },
    {
      name: 'lazy %-arguments stay lazy',
      code: 'import logging\nlog = logging.getLogger("app")\nlog.debug("user=%s key=%s", user, api_key)\n',
      findings: [{ text: 'api_key' }],
      output: 'import logging\nlog = logging.getLogger("app")\nlog.debug("user=%s key=%s", user, "***")\n',
    },
    {
      name: '+ concatenation with str()',
      code: "import logging\nlogging.error('refresh failed for ' + user + ': ' + str(refresh_token))\n",
      findings: [{ text: 'str(refresh_token)' }],
      output: "import logging\nlogging.error('refresh failed for ' + user + ': ' + '***')\n",
    },
    {
      name: '.format() keyword argument',
      code: 'import logging\nlogging.warning("login {u} {p}".format(u=user, p=user.password))\n',
      findings: [{ text: 'user.password' }],
      output: 'import logging\nlogging.warning("login {u} {p}".format(u=user, p="***"))\n',
    },
    {
      name: 'print of a secret attribute in an f-string with other values',
      code: 'def show(cfg):\n    print(f"db={cfg.host} secret={cfg.db_secret}")\n',
      findings: [{ text: 'cfg.db_secret' }],
      output: 'def show(cfg):\n    print(f"db={cfg.host} secret=***")\n',
    },
    {
      name: 'a subscript with a secret key',
      code: 'import logging\nlogging.info("headers: %s", request.headers["Authorization"])\nlogging.info("cookie %s", data["session_id"])\n',
      findings: [{ text: 'data["session_id"]' }],
      output: 'import logging\nlogging.info("headers: %s", request.headers["Authorization"])\nlogging.info("cookie %s", "***")\n',
    },
    {
      name: 'logger.exception and camelCase names',
      code: 'import logging\nlogger = logging.getLogger()\ntry:\n    pass\nexcept Exception:\n    logger.exception("failed with %s", clientSecret)\n',
      findings: [{ text: 'clientSecret' }],
      output: 'import logging\nlogger = logging.getLogger()\ntry:\n    pass\nexcept Exception:\n    logger.exception("failed with %s", "***")\n',
    },
    {
      name: 'logger.log with a level',
      code: 'import logging\nlogging.log(logging.INFO, "token %s", auth_token)\n',
      findings: [{ text: 'auth_token' }],
      output: 'import logging\nlogging.log(logging.INFO, "token %s", "***")\n',
    },
    {
      name: 'two secrets in one call are redacted together',
      code: 'import logging\nlogging.info(f"{username}:{password} via {private_key}")\n',
      findings: [{ text: 'password' }],
      output: 'import logging\nlogging.info(f"{username}:*** via ***")\n',
    },
    {
      name: 'aliased logging module and self.logger',
      code: 'import logging as lg\nclass Client:\n    def connect(self):\n        self.logger.info("using key %s", self.access_key)\n        lg.info("pwd %s", pwd)\n',
      findings: [{ text: 'self.access_key' }, { text: 'pwd' }],
      output: 'import logging as lg\nclass Client:\n    def connect(self):\n        self.logger.info("using key %s", "***")\n        lg.info("pwd %s", pwd)\n',
    },
    {
      name: 'extra= carrying a secret',
      code: 'import logging\nlogging.info("login", extra={"user": user, "password": password})\n',
      findings: [{ text: 'password' }],
      output: 'import logging\nlogging.info("login", extra={"user": user, "password": "***"})\n',
    },
    {
      name: 'a credential token in a file that uses tokenize is still a secret',
      code: 'import logging\nimport tokenize\nlogger = logging.getLogger(__name__)\nlogger.info("token=%s", api_token)\n',
      findings: [{ text: 'api_token' }],
      output: 'import logging\nimport tokenize\nlogger = logging.getLogger(__name__)\nlogger.info("token=%s", "***")\n',
    },
    {
      name: 'a password in a lexer file is still a secret',
      code: 'import tokenize\nfor token in tokenize.generate_tokens(read):\n    print(token)\nprint(f"password: {password}")\n',
      findings: [{ text: 'password' }],
      output: 'import tokenize\nfor token in tokenize.generate_tokens(read):\n    print(token)\nprint("password: ***")\n',
    },
    {
      name: 'access, refresh, auth and session tokens beside a parser',
      code: 'import logging\nclass Parser:\n    pass\nlogging.info("%s %s", access_token, refresh_token)\nlogging.info("%s", self.auth_token)\nlogging.info(f"session {session_token}")\n',
      findings: [{ text: 'access_token' }, { text: 'self.auth_token' }, { text: 'session_token' }],
      output: 'import logging\nclass Parser:\n    pass\nlogging.info("%s %s", "***", "***")\nlogging.info("%s", self.auth_token)\nlogging.info(f"session {session_token}")\n',
    },
    {
      name: 'a bare token obtained from an API, in a file without a lexer',
      code: 'import logging\ntoken = client.get_token()\nlogging.info("got %s", token)\n',
      findings: [{ text: 'token' }],
      output: 'import logging\ntoken = client.get_token()\nlogging.info("got %s", "***")\n',
    },
    {
      name: 'a loop over API tokens is not a loop over lexer tokens',
      code: 'for token in api_tokens:\n    print("checking", token)\n',
      findings: [{ text: 'token' }],
      output: 'for token in api_tokens:\n    print("checking", "***")\n',
    },
    {
      name: 'a token parameter outside lexer code',
      code: 'import logging\ndef connect(token):\n    logging.debug(f"connecting with {token}")\n',
      findings: [{ text: 'token' }],
      output: 'import logging\ndef connect(token):\n    logging.debug("connecting with ***")\n',
    },
    {
      name: 'csrf_token is a credential even in a parser',
      code: 'import logging\nimport shlex\nlogging.warning("bad form %s", csrf_token)\n',
      findings: [{ text: 'csrf_token' }],
      output: 'import logging\nimport shlex\nlogging.warning("bad form %s", "***")\n',
    },
    {
      name: "an f-string's doubled braces become single braces when it turns into a plain string",
      code: 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info(f"{{user}} pw={password}")\n',
      findings: [{ text: 'password' }],
      output: 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("{user} pw=***")\n',
    },
    {
      name: 'a self-documenting {password=} keeps its label',
      code: 'print(f"{user=} {password=}")\n',
      findings: [{ text: 'password' }],
      output: 'print(f"{user=} password=***")\n',
    },
  ],
};
