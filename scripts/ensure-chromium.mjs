// The browser tests drive Debian's Chromium. Install it when missing and we are root; otherwise say what to do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const have = () => candidates.some((p) => fs.existsSync(p));
const packages = ['chromium', 'fonts-noto-cjk', 'fonts-noto-core'];

if (!have()) {
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is needed for the browser tests. Install it with:\n  sudo apt-get install -y ${packages.join(' ')}\nor set CHROMIUM_PATH to a Chromium binary.`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} with apt-get (about a minute)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (!have()) {
    console.error('apt-get finished but no Chromium binary was found at /usr/bin/chromium');
    process.exit(1);
  }
}
