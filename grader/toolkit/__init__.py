"""The kind toolkit: what exercise kinds share, below every kind.

- `expected`: expected answers, plain or (locked) salted digests, with `matches()`;
- `verdicts`: `VerdictBuilder`, the one place that decides score, status and hint order;
- `runs`: failed runs (status, error, explanation) and their verdict;
- `outputs`: checks of a program's output against an expected output;
- `cases`: the fields and rules of test cases, and running the reference solution;
- `choices`: options to choose from, and grading a learner's choice;
- `patterns`: instructors' regexes matched against answers on bounded input;
- `values`: returned values compared as plain data (types kept, floats within a tolerance);
- `structure`: programs compared by their ASTs, as fix-syntax-error compares fixes;
- `misconceptions`: detectors of classic mistakes, named in the learner's own terms.

Nothing here imports a kind or the registry (`grader.kinds`).
"""
