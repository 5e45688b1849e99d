import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG102',
  valid: [
    { name: 'a test helper', code: 'import os\ndef test_shell(cmd):\n    os.system(cmd)\n' },
    { name: 'a constant command through os.system is not an injection', code: 'import os\nos.system("ls -al")\n' },
    { name: 'argument list without a shell', code: 'import subprocess\ndef ping(host):\n    subprocess.run(["ping", "-c", "1", host])\n' },
    { name: 'constant command with shell=True', code: 'import subprocess\nsubprocess.run("ls -l | wc -l", shell=True)\n' },
    { name: 'shell=False with a built string', code: 'import subprocess\ndef f(name):\n    subprocess.run(f"ls {name}", shell=False)\n' },
    { name: 'command built only from constants', code: 'import os\nDIR = "/srv"\nos.system("ls " + DIR)\n' },
    { name: 'an unrelated system() method', code: 'def f(name):\n    platform.system(name)\n' },
    { name: 'paramiko exec_command with a constant', code: 'import paramiko\nclient = paramiko.SSHClient()\nclient.exec_command("uptime")\n' },
    { name: 'a wildcard without chown/chmod/tar/rsync', code: 'import os\nos.system("ls *.txt")\n' },
    { name: 'suppressed with nosec naming the Bandit id', code: 'import os\ndef f(cmd):\n    os.system(cmd)  # nosec B605\n' },
    { name: "suppressed with Ruff's noqa", code: 'import subprocess\ndef f(cmd):\n    subprocess.run(cmd, shell=True)  # noqa: S602\n' },
    { name: 'request data quoted with shlex.quote', code: 'import os, shlex\nfrom flask import request\ndef v():\n    os.system("convert " + shlex.quote(request.args["f"]) + " out.png")\n' },
  ],
  invalid: [
    {
      name: 'f-string with shell=True becomes an argument list',
      code: 'import subprocess\ndef ping(host):\n    subprocess.run(f"ping -c 1 {host}", shell=True)\n',
      findings: [{ text: 'f"ping -c 1 {host}"', message: 'through a shell', confidence: 'low' }],
      output: 'import subprocess\ndef ping(host):\n    subprocess.run(["ping", "-c", "1", str(host)], shell=False)\n',
    },
    {
      name: '+ concatenation keeps the value as is',
      code: 'import subprocess\ndef ls(path):\n    return subprocess.check_output("ls -l " + path, shell=True)\n',
      findings: [{ text: '"ls -l " + path' }],
      output: 'import subprocess\ndef ls(path):\n    return subprocess.check_output(["ls", "-l", path], shell=False)\n',
    },
    {
      name: 'request data through os.system: high confidence, no automatic rewrite',
      code: 'import os\nfrom flask import request\ndef view():\n    os.system("convert " + request.args["f"])\n',
      findings: [{ text: '"convert " + request.args["f"]', confidence: 'high', message: 'from `request.args` reaches `os.system`' }],
      output: null,
      noFixBecause: 'always runs a shell',
    },
    {
      name: 'os.popen with a parameter',
      code: 'import os\ndef grep(word):\n    return os.popen("grep %s log.txt" % word).read()\n',
      findings: [{ text: '"grep %s log.txt" % word' }],
    },
    {
      name: 'pipes cannot be split safely',
      code: 'import subprocess\ndef count(name):\n    subprocess.run(f"cat {name} | wc -l", shell=True)\n',
      findings: [{ text: 'f"cat {name} | wc -l"' }],
      output: null,
      noFixBecause: 'means something to the shell',
    },
    {
      name: 'a value glued to other text',
      code: 'import subprocess\ndef f(n):\n    subprocess.call(f"head -n{n} file", shell=True)\n',
      findings: [{ text: 'f"head -n{n} file"' }],
      output: null,
      noFixBecause: 'glued',
    },
    {
      name: 'command held in a variable',
      code: 'import subprocess\ndef f(n):\n    cmd = "echo " + n\n    subprocess.Popen(cmd, shell=True)\n',
      findings: [{ text: 'cmd' }],
      output: null,
      noFixBecause: 'another statement',
    },
    {
      name: 'from-import alias of subprocess.run',
      code: 'from subprocess import run as sh\ndef f(a):\n    sh("rm " + a, shell=True)\n',
      findings: [{ text: '"rm " + a' }],
      output: 'from subprocess import run as sh\ndef f(a):\n    sh(["rm", a], shell=False)\n',
    },
    {
      name: 'paramiko exec_command with a parameter',
      code: 'import paramiko\ndef run(cmd):\n    client = paramiko.SSHClient()\n    client.exec_command("sudo " + cmd)\n',
      findings: [{ text: '"sudo " + cmd', message: 'paramiko' }],
    },
    {
      name: 'wildcard passed to tar through a shell',
      code: 'import os\nos.system("tar czf backup.tgz *")\n',
      findings: [{ text: '"tar czf backup.tgz *"', confidence: 'low' }],
    },
    {
      name: 'subprocess.getoutput with input()',
      code: 'import subprocess\nsubprocess.getoutput("nslookup " + input())\n',
      findings: [{ text: '"nslookup " + input()', confidence: 'medium', message: 'from `input()`' }],
    },
    {
      name: 'a Django URL argument through a helper: the flow is shown',
      code: 'import os\nfrom django.http import HttpResponse\ndef ping_command(host):\n    return "ping -c 1 " + host\ndef ping(request, host):\n    os.system(ping_command(host))\n',
      findings: [{ text: 'ping_command(host)', confidence: 'high', message: '`ping_command(host)` from route parameter `host` reaches `os.system`' }],
    },
  ],
};
