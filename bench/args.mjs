// args.mjs — the command line of the node benchmark drivers (bench/backend, bench/widget): `--name value` pairs,
// bare `--flag`s (true) and positional arguments (in `_`).
//   ParseArgs(['--seconds', '5', '--smoke', 'out.json']) → { seconds: '5', smoke: true, _: ['out.json'] }
export function ParseArgs(argv) {
  const args = { _: [] };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i].startsWith('--')) {
      const name = argv[i].slice(2);
      if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[name] = argv[++i];
      else args[name] = true;
    } else args._.push(argv[i]);
  }
  return args;
}
