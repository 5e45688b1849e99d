import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG703',
  valid: [
    'import torch\nstate = torch.load("model.pt", weights_only=True)\n',
    'import torch\nstate = torch.load(p, map_location="cpu", weights_only=True)\n',
    { name: 'computed weights_only', code: 'import torch\ndef f(p, trusted):\n    return torch.load(p, weights_only=not trusted)\n' },
    'from safetensors.torch import load_file\nstate = load_file("model.safetensors")\n',
    'import torch\ntorch.save(model.state_dict(), "m.pt")\n',
    { name: 'an unrelated load', code: 'import pickle\nstate = model.load("m")\n' },
    { name: 'kwargs may carry it', code: 'import torch\nstate = torch.load(p, **opts)\n' },
    { name: 'nosec', code: 'import torch\nstate = torch.load(p)  # nosec B614\n' },
  ],
  invalid: [
    { code: 'import torch\nstate = torch.load("model.pt")\n', findings: [{ text: 'torch.load("model.pt")', message: 'weights_only=True' }], output: 'import torch\nstate = torch.load("model.pt", weights_only=True)\n' },
    { code: 'import torch\nstate = torch.load(p, weights_only=False)\n', findings: [{ text: 'torch.load(p, weights_only=False)', confidence: 'high' }], output: 'import torch\nstate = torch.load(p, weights_only=True)\n' },
    { code: 'import torch\nstate = torch.load(p, map_location="cpu")\n', findings: [{ text: 'torch.load(p, map_location="cpu")' }], output: 'import torch\nstate = torch.load(p, map_location="cpu", weights_only=True)\n' },
    { code: 'from torch import load\nstate = load(f)\n', findings: [{ text: 'load(f)' }], output: 'from torch import load\nstate = load(f, weights_only=True)\n' },
    { code: 'import torch as t\nm = t.load(buf)\n', findings: [{ text: 't.load(buf)' }], output: 'import torch as t\nm = t.load(buf, weights_only=True)\n' },
    { code: 'import torch\ndef restore(path):\n    return torch.load(path)\n', findings: [{ text: 'torch.load(path)' }] },
    { code: 'import torch\nstate = torch.load(\n    p,\n    map_location=device,\n)\n', findings: [{ text: 'torch.load(\n    p,\n    map_location=device,\n)' }], output: 'import torch\nstate = torch.load(\n    p,\n    map_location=device, weights_only=True,\n)\n' },
    { code: 'import torch\nmodel.load_state_dict(torch.load(ckpt)["model"])\n', findings: [{ text: 'torch.load(ckpt)' }] },
  ],
};
