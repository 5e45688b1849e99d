import type { RuleCases } from '../types';

const flask = 'from flask import request\nimport subprocess\n';

export const cases: RuleCases = {
  ruleId: 'PSG145',
  valid: [
    { name: 'a constant program', code: 'import subprocess\nsubprocess.run(["git", "status"])\n' },
    { name: 'sys.executable', code: 'import subprocess, sys\ndef f(script):\n    subprocess.run([sys.executable, script])\n' },
    { name: 'shell=True is PSG102', code: 'import subprocess\ndef f(cmd):\n    subprocess.run(cmd, shell=True)\n' },
    { name: 'a constant exec', code: 'import os\nos.execv("/bin/ls", ["ls", "-l"])\n' },
    { name: 'a program chosen from a mapping of constants', code: `${flask}TOOLS = {"lint": "ruff"}\ndef view():\n    subprocess.run([TOOLS.get("lint"), "x.py"])\n` },
    { name: 'an argument of unknown origin after a constant program', code: 'import subprocess\ndef f(path):\n    subprocess.run(["ls", path])\n' },
    { name: 'an argument from the request converted to a number', code: `${flask}def view():\n    subprocess.run(["sleep", str(int(request.args["s"]))])\n` },
    { name: 'test code', code: 'import subprocess\ndef test_tool(tool):\n    subprocess.run([tool])\n' },
    { name: 'a list built elsewhere and splatted', code: 'import subprocess\ndef f(argv):\n    subprocess.run([*argv])\n' },
  ],
  invalid: [
    {
      name: 'a program from the request',
      code: `${flask}def view():\n    subprocess.run([request.args["tool"], "x.py"])\n`,
      findings: [{ text: 'request.args["tool"]', confidence: 'high', message: 'as the program to run' }],
      output: null,
      noFixBecause: 'allowed programs',
    },
    {
      name: 'a program from a parameter: low',
      code: 'import subprocess\ndef run(program, path):\n    return subprocess.check_output([program, path])\n',
      findings: [{ text: 'program', confidence: 'low', message: 'not a constant' }],
    },
    {
      name: 'os.execvp with a variable program',
      code: 'import os\ndef run(cmd, args):\n    os.execvp(cmd, [cmd] + args)\n',
      findings: [{ text: 'cmd', confidence: 'low' }],
    },
    {
      name: 'os.spawnl takes the path second',
      code: 'import os\ndef run(path):\n    os.spawnl(os.P_WAIT, path, path)\n',
      findings: [{ text: 'path', confidence: 'low' }],
    },
    {
      name: 'a whole argument list of unknown origin',
      code: 'import subprocess\ndef run(argv):\n    subprocess.Popen(argv)\n',
      findings: [{ text: 'argv', confidence: 'low' }],
    },
    {
      name: 'option injection into git clone',
      code: `${flask}def view():\n    subprocess.run(["git", "clone", request.form["url"]])\n`,
      findings: [{ text: 'request.form["url"]', confidence: 'medium', message: 'as an argument' }],
    },
    {
      name: 'asyncio.create_subprocess_exec with a program from input()',
      code: 'import asyncio\nasync def main():\n    await asyncio.create_subprocess_exec(input("program: "))\n',
      findings: [{ text: 'input("program: ")', confidence: 'medium' }],
    },
    {
      name: 'an argument list held in a name',
      code: `${flask}def view():\n    cmd = [request.args["bin"], "--version"]\n    subprocess.call(cmd)\n`,
      findings: [{ text: 'request.args["bin"]', confidence: 'high' }],
    },
    {
      name: 'the executable keyword',
      code: 'import subprocess\ndef run(exe):\n    subprocess.run(["name"], executable=exe)\n',
      findings: [{ text: 'exe', confidence: 'low' }],
    },
  ],
};
