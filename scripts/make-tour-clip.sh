#!/usr/bin/env bash
# Builds the first-run tour's clip (public/tour/bounce.mp4): a ball bouncing along the ground,
# each frame showing its own number (top right: FrameCoach's panel sits top left), so a coach
# sees one step move exactly one frame.
# 4 s at 30 fps, 480x270, H.264 (every browser plays it). Usage: bash scripts/make-tour-clip.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/public/tour/bounce.mp4"
FONT="${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}"
command -v ffmpeg >/dev/null || { echo "ffmpeg is required (apt-get install ffmpeg)" >&2; exit 1; }
[ -f "$FONT" ] || { echo "a font is required: apt-get install fonts-dejavu-core, or FONT=/path/to/font.ttf" >&2; exit 1; }
mkdir -p "$(dirname "$OUT")"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "color=c=0x27445a:s=480x270:r=30:d=4" \
  -f lavfi -i "color=c=black:s=40x40:r=30:d=4,format=rgba,geq=r=255:g=176:b=48:a='if(lte(hypot(X-19.5,Y-19.5),19),255,0)'" \
  -filter_complex "[0]drawbox=x=0:y=238:w=480:h=32:color=0x3c6b3a:t=fill[bg];[bg][1]overlay=x='20+mod(t*105,420)':y='198-abs(sin(t*PI*1.25))*160'[v];[v]drawtext=fontfile=$FONT:text='frame %{frame_num}':x=w-tw-14:y=12:fontsize=22:fontcolor=white:box=1:boxcolor=0x000000aa:boxborderw=6" \
  -frames:v 120 -c:v libx264 -preset medium -crf 28 -g 30 -pix_fmt yuv420p -an -threads 1 -map_metadata -1 -movflags +faststart "$OUT"
ls -l "$OUT"
