import { ensureChromiumOrExit } from './node/findChromium';

// The first step of `npm test` and `test:browser` (and so of `.ci/run`): the browser the tests drive,
// installed from Debian's packages when it is missing and this machine allows it.
ensureChromiumOrExit();
