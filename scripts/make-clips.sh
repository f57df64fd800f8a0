#!/usr/bin/env bash
# Builds the barcoded test clips in tests/fixtures/clips/ and clips.json, then checks them.
#
# Every frame carries its own index n (0-based, presentation order, counted before any
# timestamp manipulation) as a 12-bit barcode along the top edge: box i is white when bit i
# of n is set and black otherwise, LSB first (box 0 is leftmost). A reader samples the
# centre of each box (luma >= 128 means 1). The layout is written to clips.json ("barcode").
#
# Deterministic: fixed sources, fixed encoder settings, single-threaded encoders, bitexact
# muxing. Re-running rewrites the same files.
#
# Usage: bash scripts/make-clips.sh   (npm run clips)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/tests/fixtures/clips"
mkdir -p "$OUT"

command -v ffmpeg >/dev/null || { echo "ffmpeg is required (apt-get install ffmpeg)" >&2; exit 1; }
command -v ffprobe >/dev/null || { echo "ffprobe is required (apt-get install ffmpeg)" >&2; exit 1; }
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }

W=320
H=180
SECONDS_LONG=4
# Barcode layout (keep in sync with clips.json, which this script writes from these values).
BITS=12
X0=8
PITCH=25
BOX_W=17
BOX_Y=4
BOX_H=16
STRIP_H=24 # solid black strip behind the barcode row

# The filter chain that draws the barcode: a black strip, then one white box per bit that is
# enabled only on frames whose index has that bit set. `n` is the filter's input frame
# number, i.e. the index in the source order, before any timestamp change.
barcode_filter() {
  local f="drawbox=x=0:y=0:w=${W}:h=${STRIP_H}:color=black:t=fill"
  local i
  for ((i = 0; i < BITS; i++)); do
    f+=",drawbox=x=$((X0 + i * PITCH)):y=${BOX_Y}:w=${BOX_W}:h=${BOX_H}:color=white:t=fill"
    f+=":enable='mod(floor(n/$((1 << i))),2)'"
  done
  printf '%s' "$f"
}

COMMON_IN=(-hide_banner -loglevel error -y)
COMMON_OUT=(-an -pix_fmt yuv420p -map_metadata -1 -fflags +bitexact -flags:v +bitexact)

# make_h264 FILE RATE FRAMES GOP
make_h264() {
  local file="$1" rate="$2" frames="$3" gop="$4"
  ffmpeg "${COMMON_IN[@]}" \
    -f lavfi -i "testsrc2=size=${W}x${H}:rate=${rate}" \
    -vf "$(barcode_filter)" -frames:v "$frames" \
    -c:v libx264 -preset medium -crf 30 -bf 3 -g "$gop" -keyint_min "$gop" -sc_threshold 0 \
    -threads 1 -x264-params "threads=1" \
    "${COMMON_OUT[@]}" -movflags +faststart \
    "$OUT/$file"
}

# make_vp9 FILE RATE FRAMES GOP
make_vp9() {
  local file="$1" rate="$2" frames="$3" gop="$4"
  ffmpeg "${COMMON_IN[@]}" \
    -f lavfi -i "testsrc2=size=${W}x${H}:rate=${rate}" \
    -vf "$(barcode_filter)" -frames:v "$frames" \
    -c:v libvpx-vp9 -crf 36 -b:v 0 -deadline good -cpu-used 2 -row-mt 0 -threads 1 \
    -g "$gop" -keyint_min "$gop" \
    "${COMMON_OUT[@]}" \
    "$OUT/$file"
}

# Variable frame rate: presentation gaps cycle 33.333, 33.333, 41.667, 41.667, 25, 50 ms (3000,
# 3000, 3750, 3750, 2250, 4500 ticks of 1/90000 s; a 6-frame cycle is 20250 ticks = 225 ms, mean
# 26.7 fps). No frame clock explains it (30 and 60 fps miss by a quarter or half a frame; 120 fps
# would have most of its frames missing): a real VFR clip, unlike a phone's jittered 30 fps. The
# barcode is drawn first (from n), then the timestamps are rewritten.
# make_h264_retimed FILE SOURCE_RATE FRAMES GOP FILTERS: H.264 whose timestamps the FILTERS
# (after the barcode) rewrite, in a 1/90000 timebase, kept as they are (no constant rate forced).
make_h264_retimed() {
  local file="$1" rate="$2" frames="$3" gop="$4" filters="$5"
  ffmpeg "${COMMON_IN[@]}" \
    -f lavfi -i "testsrc2=size=${W}x${H}:rate=${rate}" \
    -vf "$(barcode_filter),settb=1/90000,${filters}" \
    -frames:v "$frames" -fps_mode passthrough -enc_time_base 1/90000 \
    -c:v libx264 -preset medium -crf 30 -bf 3 -g "$gop" -keyint_min "$gop" -sc_threshold 0 \
    -threads 1 -x264-params "threads=1" \
    "${COMMON_OUT[@]}" -movflags +faststart -video_track_timescale 90000 \
    "$OUT/$file"
}

VFR_PTS="floor(N/6)*20250+if(eq(mod(N,6),0),0,if(eq(mod(N,6),1),3000,if(eq(mod(N,6),2),6000,if(eq(mod(N,6),3),9750,if(eq(mod(N,6),4),13500,15750)))))"

# CFR with dropped frames: a 60 fps clock where every fifth frame is missing (durations 1/60 and
# 2/60 s). The barcode is drawn before the drop, so it is the frame's slot on the clock (0, 1, 2,
# 3, 5, 6, …): a frame's number is its time times the rate, as on a clip with nothing dropped.
DROPS="select='not(eq(mod(n\,5)\,4))',setpts='floor(PTS*60/90000+0.5)*1500'"

# A phone's clip: a 30 fps clock with frames missing irregularly (a low-light stretch at 20 fps,
# a burst at 15 fps, scattered single drops) and timestamps off the clock by up to 4 ms (a fixed
# pseudo-random pattern, 0 on the first frame). The barcode is the slot on the clock.
PHONE_DROPS="not((between(n\,36\,71)*eq(mod(n\,3)\,2))+eq(mod(n*7+3\,23)\,0)+(between(n\,95\,104)*eq(mod(n\,2)\,1)))"
PHONE_PTS="st(0\,floor(PTS/3000+0.5))*3000+if(eq(ld(0)\,0)\,0\,(mod(ld(0)*ld(0)*7+ld(0)*3\,9)-4)*90)"

# A clip whose first frame is at 0.41 s, not 0 (a cut from a longer recording): the browser's
# timeline starts there. 0.41 s is not a whole number of frames, so the grid is offset too.
# (WebM: Chromium ends an MP4's timeline at its edit list's length and cuts off the last 0.41 s.)
make_vp9_offset() {
  local file="$1"
  ffmpeg "${COMMON_IN[@]}" \
    -f lavfi -i "testsrc2=size=${W}x${H}:rate=30" \
    -vf "$(barcode_filter)" -frames:v 90 -output_ts_offset 0.41 \
    -c:v libvpx-vp9 -crf 36 -b:v 0 -deadline good -cpu-used 2 -row-mt 0 -threads 1 \
    -g 60 -keyint_min 60 \
    "${COMMON_OUT[@]}" \
    "$OUT/$file"
}

# A phone held upright: 9:16, no barcode (the strip would not fit), not in clips.json's list of
# stepped clips. For layout tests: the overlay on a tall, narrow picture.
make_portrait() {
  local file="$1"
  ffmpeg "${COMMON_IN[@]}" \
    -f lavfi -i "testsrc2=size=180x320:rate=30" -frames:v 60 \
    -c:v libx264 -preset medium -crf 32 -g 60 -keyint_min 60 -sc_threshold 0 \
    -threads 1 -x264-params "threads=1" \
    "${COMMON_OUT[@]}" -movflags +faststart \
    "$OUT/$file"
}

# frames = ceil(4 s * fps)
echo "encoding clips into $OUT"
make_h264 h264-23.976.mp4 24000/1001 96 48
make_vp9 vp9-25.webm 25 100 50
make_h264 h264-29.97.mp4 30000/1001 120 60
make_vp9 vp9-30.webm 30 120 60
make_vp9 vp9-59.94.webm 60000/1001 240 120
make_h264 h264-60.mp4 60 240 120
# Phone slow motion: 2 s each, so they stay small.
make_h264 h264-120.mp4 120 240 120
make_h264 h264-240.mp4 240 480 240
make_h264_retimed h264-vfr.mp4 30 120 60 "setpts='${VFR_PTS}'"
make_h264_retimed h264-60-drops.mp4 60 192 120 "${DROPS}"
make_h264_retimed h264-phone-30.mp4 30 96 60 "setpts='N*3000',select='${PHONE_DROPS}',setpts='${PHONE_PTS}'"
make_vp9_offset vp9-30-offset.webm
make_portrait portrait-9x16.mp4

# Probe, decode every frame, read every barcode, write clips.json.
export OUT W H BITS X0 PITCH BOX_W BOX_Y BOX_H
node --input-type=module <<'EOF'
import { execFileSync } from 'node:child_process';
import { writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const OUT = env.OUT;
const W = +env.W, H = +env.H;
const barcode = { bits: +env.BITS, x0: +env.X0, pitch: +env.PITCH, boxWidth: +env.BOX_W, y: +env.BOX_Y, height: +env.BOX_H };

const specs = [
  { file: 'h264-23.976.mp4', codec: 'h264', rate: [24000, 1001] },
  { file: 'vp9-25.webm', codec: 'vp9', rate: [25, 1] },
  { file: 'h264-29.97.mp4', codec: 'h264', rate: [30000, 1001] },
  { file: 'vp9-30.webm', codec: 'vp9', rate: [30, 1] },
  { file: 'vp9-59.94.webm', codec: 'vp9', rate: [60000, 1001] },
  { file: 'h264-60.mp4', codec: 'h264', rate: [60, 1] },
  { file: 'h264-120.mp4', codec: 'h264', rate: [120, 1] },
  { file: 'h264-240.mp4', codec: 'h264', rate: [240, 1] },
  { file: 'h264-vfr.mp4', codec: 'h264', rate: null, pattern: [3000, 3000, 3750, 3750, 2250, 4500], timescale: 90000 },
  // On a clock with frames missing (barcode = slot on the clock), timestamps up to jitter off it.
  { file: 'h264-60-drops.mp4', codec: 'h264', rate: [60, 1], clock: true, jitter: 0 },
  { file: 'h264-phone-30.mp4', codec: 'h264', rate: [30, 1], clock: true, jitter: 0.004 },
  { file: 'vp9-30-offset.webm', codec: 'vp9', rate: [30, 1], start: 0.41 },
];

const run = (cmd, args) => execFileSync(cmd, args, { maxBuffer: 1 << 30 });
const fail = (msg) => { console.error('CHECK FAILED: ' + msg); process.exit(1); };
const round6 = (x) => Math.round(x * 1e6) / 1e6;

/** Reads the barcode from a gray (luma) frame buffer, as the browser reader does. */
function readBarcode(gray, offset) {
  let n = 0;
  for (let i = 0; i < barcode.bits; i++) {
    const cx = barcode.x0 + i * barcode.pitch + Math.floor(barcode.boxWidth / 2);
    const cy = barcode.y + Math.floor(barcode.height / 2);
    const v = gray[offset + cy * W + cx];
    // Also check the box is clearly black or clearly white (margin against blur).
    if (v > 64 && v < 192) return { n: -1, ambiguous: v };
    if (v >= 128) n |= 1 << i;
  }
  return { n };
}

const clips = [];
let total = 0;
for (const s of specs) {
  const path = join(OUT, s.file);
  const size = statSync(path).size;
  total += size;
  if (size > 300 * 1024) fail(`${s.file} is ${size} bytes (> 300 KB)`);

  const probe = JSON.parse(run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries',
    'stream=codec_name,width,height,pix_fmt,time_base,r_frame_rate,duration:format=duration:frame=pts,pts_time,duration_time',
    '-of', 'json', path]).toString());
  const st = probe.streams[0];
  const codecName = st.codec_name === 'h264' ? 'h264' : st.codec_name;
  if (codecName !== s.codec) fail(`${s.file}: codec ${st.codec_name}`);
  if (st.width !== W || st.height !== H) fail(`${s.file}: size ${st.width}x${st.height}`);
  if (st.pix_fmt !== 'yuv420p') fail(`${s.file}: pix_fmt ${st.pix_fmt}`);
  const times = probe.frames.map((f) => Number(f.pts_time));
  const frames = times.length;
  for (let i = 1; i < frames; i++) if (!(times[i] > times[i - 1])) fail(`${s.file}: frame ${i} pts not increasing`);
  const start = s.start ?? 0;
  if (Math.abs(times[0] - start) > 1e-9) fail(`${s.file}: first frame pts ${times[0]} (expected ${start})`);

  // Decode every frame in presentation order as raw luma; read each barcode.
  const raw = run('ffmpeg', ['-v', 'error', '-i', path, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  const fsz = W * H;
  if (raw.length !== fsz * frames) fail(`${s.file}: decoded ${raw.length / fsz} frames, probed ${frames}`);
  const numbers = [];
  for (let k = 0; k < frames; k++) {
    const r = readBarcode(raw, k * fsz);
    if (r.n < 0) fail(`${s.file}: frame ${k} unreadable${r.ambiguous !== undefined ? ` (ambiguous luma ${r.ambiguous})` : ''}`);
    numbers.push(r.n);
  }
  // Every frame reads its index; on a clock with drops, its slot (increasing, some skipped).
  for (let k = 0; k < frames; k++) {
    if (s.clock ? k > 0 && !(numbers[k] > numbers[k - 1]) : numbers[k] !== k) fail(`${s.file}: frame ${k} reads ${numbers[k]}`);
  }

  // Expected timestamps.
  const expected = [];
  for (let k = 0; k < frames; k++) {
    if (s.rate) expected.push(start + ((s.clock ? numbers[k] : k) * s.rate[1]) / s.rate[0]);
    else {
      const cyc = s.pattern.reduce((a, b) => a + b, 0);
      let t = Math.floor(k / s.pattern.length) * cyc;
      for (let j = 0; j < k % s.pattern.length; j++) t += s.pattern[j];
      expected.push(t / s.timescale);
    }
  }
  // WebM timestamps are in ms, so allow 0.5 ms + epsilon.
  const tol = (s.file.endsWith('.webm') ? 0.00051 : 1e-6) + (s.jitter ?? 0);
  for (let k = 0; k < frames; k++) {
    if (Math.abs(times[k] - expected[k]) > tol) fail(`${s.file}: frame ${k} at ${times[k]}, expected ${expected[k]}`);
  }
  if (!s.rate) {
    const gaps = new Set();
    for (let k = 1; k < frames; k++) gaps.add(Math.round((times[k] - times[k - 1]) * 1e6));
    if (gaps.size < 3) fail(`${s.file}: expected variable gaps, got ${[...gaps]}`);
  }


  // Duration as the browser reports it (video.duration): the container's stream duration.
  // For the VFR clip the muxer picks the last frame's duration itself (ffmpeg 5.1 does not
  // pass frame durations through), so it is not the end of the pattern.
  const durationSec = round6(Number(st.duration ?? probe.format.duration));
  const end = s.rate ? start + ((numbers[frames - 1] + 1) * s.rate[1]) / s.rate[0] : 0;
  if (s.rate && Math.abs(durationSec - end) > 0.0011 + (s.jitter ?? 0)) fail(`${s.file}: duration ${durationSec}, expected ${end}`);
  if (!(durationSec > times[frames - 1])) fail(`${s.file}: duration ${durationSec} before last frame`);
  const clip = {
    file: s.file,
    codec: s.codec,
    fps: s.rate ? s.rate[0] / s.rate[1] : null,
    rate: s.rate ? `${s.rate[0]}/${s.rate[1]}` : null,
    variable: !s.rate,
    frames,
    width: W,
    height: H,
    durationSec,
    startSec: start,
  };
  if (!s.rate) clip.frameDurationsMs = s.pattern.map((t) => round6((t * 1000) / s.timescale));
  if (!s.rate || s.clock) clip.frameTimes = times.map(round6);
  if (s.clock) {
    clip.dropped = true;
    clip.jitterMs = (s.jitter ?? 0) * 1000;
    clip.frameNumbers = numbers;
  }
  clips.push(clip);
  console.log(`ok ${s.file}: ${frames} frames, ${size} bytes, all barcodes read`);
}
if (total > 2 * 1024 * 1024) fail(`total ${total} bytes (> 2 MB)`);

const doc = {
  description:
    'Barcoded test clips made by scripts/make-clips.sh. Frame n (0-based, presentation order) shows n as ' +
    'bits white (1) / black (0) boxes on a black strip along the top edge, LSB first (box 0 leftmost). ' +
    'Box i spans x = x0 + i*pitch .. +boxWidth, y .. y+height, in intrinsic video pixels; read the centre, luma >= 128 is 1. ' +
    'Frame k of a constant-rate clip starts at startSec + k/fps s; the VFR clip lists its frame start times. ' +
    'Clips with dropped frames (a clock with frames missing) list each frame\'s time and its number (its slot on the clock, what its barcode shows).',
  barcode,
  clips,
};
writeFileSync(join(OUT, 'clips.json'), JSON.stringify(doc, null, 2) + '\n');
console.log(`wrote clips.json; total ${total} bytes`);
EOF
