/**
 * Serves tests/fixtures/ (clips, test pages, demo) on a fixed port so a person can try
 * FrameCoach by hand: `npx tsx scripts/serve.ts` (PORT=8317 by default, HOST=127.0.0.1).
 */
import { startFixtureServer } from '../tests/fixtures/server';

const port = Number(process.env.PORT ?? 8317);
const host = process.env.HOST ?? '127.0.0.1';

const server = await startFixtureServer({ port, host });
console.log(`FrameCoach fixtures served from tests/fixtures/ at ${server.url}/`);
console.log(`  demo:  ${server.url}/demo/`);
console.log(`  pages: ${server.url}/pages/plain.html?clip=h264-29.97.mp4 (also letterbox, fullscreen, iframe, late, shadow, multi, input, spa, error, novideo)`);
console.log('Press Ctrl+C to stop.');

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
