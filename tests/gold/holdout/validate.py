"""Sanity check for the held-out gold set: every JSON parses, its raw file exists,
and every direct/partial quote occurs in the raw text (ignoring quote marks,
whitespace and case). Indirect quotes are also checked, but a miss only warns
(one is given in its clean reading, see README). Run: python3 validate.py"""
import glob, json, os, re
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
QM = '"\'\u201c\u201d\u2018\u2019\u00ab\u00bb'
def norm(s):
    return re.sub(r'\s+', ' ', re.sub('[' + QM + ']', '', s)).strip().lower()
errors = 0; total = Counter(); people = 0
for path in sorted(glob.glob(os.path.join(HERE, '*.json'))):
    ann = json.load(open(path, encoding='utf-8'))
    raw = open(os.path.join(HERE, ann['raw_file']), encoding='utf-8').read()
    nraw = norm(raw)
    for q in ann['quotes']:
        if norm(q['text']) not in nraw:
            if q['kind'] == 'indirect':
                print('warn (indirect not verbatim):', ann['id'][:12], q['text'][:70])
            else:
                print('ERROR:', ann['id'][:12], q['kind'], q['text'][:70]); errors += 1
    total += Counter(q['kind'] for q in ann['quotes']); people += len(ann['people'])
print(dict(total), 'quotes', sum(total.values()), 'people', people, 'errors', errors)
raise SystemExit(1 if errors else 0)
