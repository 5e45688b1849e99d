import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG701',
  valid: [
    { name: 'a test module round-trips its own objects', code: 'import pickle, unittest\nclass T(unittest.TestCase):\n    def check(self, data):\n        return pickle.loads(data)\n' },
    'import json\ndata = json.loads(body)\n',
    'import pickle\nblob = pickle.dumps(obj)\n',
    'import marshal\nb = marshal.dumps(code)\n',
    { name: 'a local load function', code: 'def load(x):\n    return x\nload(b)\n' },
    { name: 'yaml is its own rule', code: 'import yaml\nyaml.safe_load(s)\n' },
    'import jsonpickle\ns = jsonpickle.encode(obj)\n',
    { name: 'an unrelated loads method', code: 'data = codec.loads(b)\n' },
    { name: 'a round trip of bytes the program made', code: 'import pickle\ncopy = pickle.loads(pickle.dumps(obj))\n' },
    { name: 'a round trip through a name', code: 'import pickle\ndef f(obj):\n    data = pickle.dumps(obj)\n    return pickle.loads(data)\n' },
    { name: 'nosec', code: 'import pickle\nobj = pickle.loads(b)  # nosec B301\n' },
    { name: 'numpy.load refuses pickles by default', code: 'import numpy as np\ndef f(path):\n    return np.load(path)\n' },
    { name: 'numpy.load with allow_pickle=False', code: 'import numpy as np\ndef f(path):\n    return np.load(path, allow_pickle=False)\n' },
  ],
  invalid: [
    { code: 'import pickle\nfrom flask import request\ndef view():\n    return pickle.loads(request.data)\n', findings: [{ text: 'pickle.loads(request.data)', confidence: 'high', message: 'from the request' }] },
    { code: 'import pickle\nwith open(p, "rb") as f:\n    obj = pickle.load(f)\n', findings: [{ text: 'pickle.load(f)' }] },
    { code: 'import pickle\ndef f(b):\n    return pickle.Unpickler(b).load()\n', findings: [{ text: 'pickle.Unpickler(b)', confidence: 'medium' }] },
    { code: 'import marshal\ndef f(b):\n    return marshal.loads(b)\n', findings: [{ text: 'marshal.loads(b)' }] },
    { code: 'import shelve\ndb = shelve.open("cache")\n', findings: [{ text: 'shelve.open("cache")' }] },
    { code: 'import jsonpickle\ndef f(s):\n    return jsonpickle.decode(s)\n', findings: [{ text: 'jsonpickle.decode(s)' }] },
    { code: 'import dill\nobj = dill.loads(blob)\n', findings: [{ text: 'dill.loads(blob)' }] },
    { code: 'import pandas as pd\ndf = pd.read_pickle(path)\n', findings: [{ text: 'pd.read_pickle(path)' }] },
    { code: 'from pickle import loads as unpickle\nx = unpickle(data)\n', findings: [{ text: 'unpickle(data)' }] },
    { name: 'numpy.load with allow_pickle=True', code: 'import numpy as np\ndef f(path):\n    return np.load(path, allow_pickle=True)\n', findings: [{ text: 'np.load(path, allow_pickle=True)', confidence: 'medium' }] },
    { name: 'an uploaded model through joblib', code: 'from flask import request\nimport joblib\ndef view():\n    model = joblib.load(request.files["model"])\n    return str(model)\n', findings: [{ text: 'joblib.load(request.files["model"])', confidence: 'high', message: 'comes from the request' }] },
    { name: 'shelve opened on a path from the request', code: 'from flask import request\nimport shelve\ndef view():\n    db = shelve.open(request.args["db"])\n    return str(db)\n', findings: [{ text: 'shelve.open(request.args["db"])', confidence: 'high' }] },
  ],
};
