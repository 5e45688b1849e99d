import { dedent } from './engine';

// A two-file workspace whose path traversal runs through a helper in the other module: `pick` returns its first
// argument (the request data) in `helpers`, its second (a constant) in `safeHelpers`.

export const pickingApp = dedent(`
  from flask import request
  from helpers import pick


  def read():
      name = pick(request.args["n"], "default.txt")
      return open(f"/srv/files/{name}").read()
`);

export const pickingHelpers = dedent(`
  def pick(first, second):
      return first
`);

export const safePickingHelpers = dedent(`
  def pick(first, second):
      return second
`);
