import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG704',
  valid: [
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model", revision="5b4c6a1e0d8f2b3c9a7e6d5f4c3b2a1908f7e6d5")\n',
    { name: 'a local folder', code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("./checkpoints/best")\n' },
    { name: 'a computed revision', code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model", revision=REV)\n' },
    'from huggingface_hub import hf_hub_download\np = hf_hub_download("org/model", "config.json", revision="0123456789abcdef0123456789abcdef01234567")\n',
    { name: 'another library', code: 'model = MyModel.from_pretrained("org/model")\n' },
    { name: 'a single-name model is local', code: 'from transformers import AutoTokenizer\nt = AutoTokenizer.from_pretrained("bert")\n' },
    { name: 'kwargs may carry the revision', code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/m", **kw)\n' },
    { name: 'nosec', code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/m")  # nosec B615\n' },
  ],
  invalid: [
    { code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model")\n', findings: [{ text: 'AutoModel.from_pretrained("org/model")', message: 'revision=' }] },
    { code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model", revision="main")\n', findings: [{ text: 'AutoModel.from_pretrained("org/model", revision="main")', message: 'moving revision' }] },
    { code: 'import transformers\nt = transformers.AutoTokenizer.from_pretrained("org/tok")\n', findings: [{ text: 'transformers.AutoTokenizer.from_pretrained("org/tok")' }] },
    { code: 'from huggingface_hub import hf_hub_download\np = hf_hub_download(repo_id="org/m", filename="model.bin")\n', findings: [{ text: 'hf_hub_download(repo_id="org/m", filename="model.bin")' }] },
    { code: 'from huggingface_hub import snapshot_download\nsnapshot_download("org/m")\n', findings: [{ text: 'snapshot_download("org/m")' }] },
    { code: 'from datasets import load_dataset\nds = load_dataset("org/data")\n', findings: [{ text: 'load_dataset("org/data")' }] },
    { code: 'from diffusers import DiffusionPipeline\np = DiffusionPipeline.from_pretrained("org/sd", revision="v1.0")\n', findings: [{ text: 'DiffusionPipeline.from_pretrained("org/sd", revision="v1.0")' }] },
    { code: 'from transformers import AutoModel\ndef f(name):\n    return AutoModel.from_pretrained(name)\n', findings: [{ text: 'AutoModel.from_pretrained(name)', confidence: 'low' }] },
  ],
};
