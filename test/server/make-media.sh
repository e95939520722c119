#!/usr/bin/env bash
# Regenerates the small, real media files the local VideoGen server serves (test/server/media/)
# and their manifest (durations, dimensions, word timings). Sizes are computed by the server at start-up.
#
# Needs: ffmpeg/ffprobe (with libx264, libvpx-vp9, libopus, libmp3lame, drawtext), ImageMagick 6 `convert`,
# espeak-ng and sox (`apt-get install -y espeak-ng sox`), node.
# Usage: test/server/make-media.sh            (writes into test/server/media/, replacing what is there)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/media"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

for tool in ffmpeg ffprobe convert espeak-ng sox soxi node; do
  command -v "$tool" >/dev/null || { echo "make-media.sh: '$tool' is required" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out"

ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

# speak NAME "text": word-by-word speech (16 kHz mono WAV) in $work/NAME.wav, and the word timings
# (start<TAB>end<TAB>word, seconds) in $out/NAME.words.tsv, so transcripts match the audio exactly.
speak() {
  local name=$1 text=$2 t=0 i=0 gap=0.06 lead=0.25
  : > "$out/$name.words.tsv"
  local parts=("$work/$name.lead.wav")
  sox -n -r 16000 -c 1 -b 16 "$work/$name.lead.wav" trim 0 "$lead"
  t=$lead
  for word in $text; do
    i=$((i + 1))
    local clean=${word//[^A-Za-z0-9\'-]/}
    espeak-ng -v en-us -s 165 -w "$work/$name.raw$i.wav" "$clean"
    # trim espeak's leading/trailing silence, then resample to 16 kHz
    sox "$work/$name.raw$i.wav" -r 16000 -c 1 -b 16 "$work/$name.w$i.wav" \
      silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse
    local d; d=$(soxi -D "$work/$name.w$i.wav")
    local end; end=$(awk -v a="$t" -v b="$d" 'BEGIN { printf "%.3f", a + b }')
    printf '%s\t%s\t%s\n' "$t" "$end" "$word" >> "$out/$name.words.tsv"
    sox -n -r 16000 -c 1 -b 16 "$work/$name.g$i.wav" trim 0 "$gap"
    parts+=("$work/$name.w$i.wav" "$work/$name.g$i.wav")
    t=$(awk -v a="$end" -v g="$gap" 'BEGIN { printf "%.3f", a + g }')
  done
  sox -n -r 16000 -c 1 -b 16 "$work/$name.tail.wav" trim 0 0.3
  parts+=("$work/$name.tail.wav")
  sox "${parts[@]}" "$work/$name.wav"
}

duration_of() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

echo "speech..."
speak launch-teaser "Meet VideoGen Files. Browse your media library, preview it, and drop it into your code."
speak podcast-clip "Welcome back to the founders podcast. Today we talk about shipping video tools for developers."
speak voiceover "Welcome to the product tour."
speak scene-narration "Scene three. The city wakes up at dawn."

echo "video: launch-teaser (MP4 H.264 + AAC, HLS)..."
teaser_d=$(duration_of "$work/launch-teaser.wav")
ff -f lavfi -i "color=c=0x1e1b4b:s=480x270:r=24:d=$teaser_d" \
   -f lavfi -i "color=c=0x6c5ce7:s=60x60:r=24:d=$teaser_d" \
   -i "$work/launch-teaser.wav" \
   -filter_complex "[0][1]overlay=x='mod(t*110,480)':y=170,drawtext=fontfile=$font:text='Spring Launch':fontcolor=white:fontsize=34:x=(w-tw)/2:y=60,drawtext=fontfile=$font:text='VideoGen Files':fontcolor=0xc7c2ff:fontsize=18:x=(w-tw)/2:y=110[v]" \
   -map "[v]" -map 2:a -c:v libx264 -profile:v main -pix_fmt yuv420p -preset veryslow -crf 30 \
   -force_key_frames "expr:gte(t,n_forced*2)" -c:a aac -b:a 32k -ac 1 -ar 22050 \
   -movflags +faststart -shortest "$out/launch-teaser.mp4"
ff -i "$out/launch-teaser.mp4" -vf scale=256:144 -c:v libx264 -profile:v main -pix_fmt yuv420p -preset veryslow -crf 32 \
   -c:a aac -b:a 24k -ac 1 -movflags +faststart "$out/launch-teaser.preview.mp4"
ff -ss 1.5 -i "$out/launch-teaser.mp4" -frames:v 1 -vf scale=320:180 -q:v 5 "$out/launch-teaser.thumb.jpg"
mkdir -p "$out/launch-teaser.hls"
ff -i "$out/launch-teaser.mp4" -c copy -f hls -hls_time 2 -hls_playlist_type vod \
   -hls_segment_filename "$out/launch-teaser.hls/segment%d.ts" "$out/launch-teaser.hls/index.m3u8"

echo "video: product-demo (WebM VP9 + Opus)..."
ff -f lavfi -i "color=c=0xf4f1ea:s=320x240:r=24:d=4" \
   -f lavfi -i "color=c=0xe17055:s=90x40:r=24:d=4" \
   -f lavfi -i "aevalsrc=0.2*sin(2*PI*(330+110*floor(2*t))*t)*exp(-3*mod(t\,0.5)):s=48000:d=4" \
   -filter_complex "[0][1]overlay=x='115+80*sin(t*PI)':y=120,drawtext=fontfile=$font:text='Sneaker 360':fontcolor=0x2d3436:fontsize=24:x=(w-tw)/2:y=40[v]" \
   -map "[v]" -map 2:a -c:v libvpx-vp9 -b:v 90k -deadline good -cpu-used 2 -row-mt 1 \
   -c:a libopus -b:a 24k -ac 1 "$out/product-demo.webm"
ff -i "$out/product-demo.webm" -vf scale=160:120 -c:v libx264 -pix_fmt yuv420p -preset veryslow -crf 32 \
   -c:a aac -b:a 24k -ac 1 -movflags +faststart "$out/product-demo.preview.mp4"
ff -ss 1 -i "$out/product-demo.webm" -frames:v 1 -q:v 5 "$out/product-demo.thumb.jpg"

echo "audio: podcast-clip (MP3, HLS), voiceover (WAV), scene-narration (MP3)..."
ff -i "$work/podcast-clip.wav" -c:a libmp3lame -b:a 32k -ar 22050 -ac 1 "$out/podcast-clip.mp3"
ff -i "$work/podcast-clip.wav" -c:a libmp3lame -b:a 16k -ar 16000 -ac 1 "$out/podcast-clip.preview.mp3"
mkdir -p "$out/podcast-clip.hls"
ff -i "$work/podcast-clip.wav" -c:a aac -b:a 24k -ac 1 -f hls -hls_time 3 -hls_playlist_type vod \
   -hls_segment_filename "$out/podcast-clip.hls/segment%d.ts" "$out/podcast-clip.hls/index.m3u8"
cp "$work/voiceover.wav" "$out/voiceover.wav"
ff -i "$work/voiceover.wav" -c:a libmp3lame -b:a 16k -ar 16000 -ac 1 "$out/voiceover.preview.mp3"
ff -i "$work/scene-narration.wav" -c:a libmp3lame -b:a 24k -ar 22050 -ac 1 "$out/scene-narration.mp3"

echo "images..."
convert -size 640x480 xc:'#f4f1ea' \
  -fill '#2d3436' -draw 'roundrectangle 230,110 410,350 40,40' \
  -fill '#f4f1ea' -draw 'roundrectangle 262,150 378,330 30,30' \
  -fill '#6c5ce7' -draw 'circle 245,300 245,250' -draw 'circle 395,300 395,250' \
  -font DejaVu-Sans-Bold -pointsize 30 -fill '#2d3436' -gravity south -annotate +0+40 'Aurora Headphones' \
  -define png:compression-level=9 "$out/product-shot.png"
convert -size 800x450 gradient:'#ff9a5a-#2a1b5e' \
  -fill '#1b1035' -draw 'polygon 0,450 0,330 160,260 330,340 520,240 800,330 800,450' \
  -fill '#ffd28a' -draw 'circle 600,170 600,130' \
  -font DejaVu-Sans-Bold -pointsize 40 -fill white -gravity northwest -annotate +40+40 'Create video faster' \
  -quality 72 "$out/hero-photo.jpg"
convert -size 512x512 gradient:'#ffcf99-#7a8cc9' \
  -fill '#fff2c4' -draw 'circle 256,230 256,190' \
  -fill '#3d4a6b' -draw 'polygon 0,512 0,380 120,250 230,360 330,200 512,400 512,512' \
  -fill '#f2f4f8' -draw 'polygon 300,240 330,200 362,247 345,240 330,255 315,243' \
  +dither -colors 48 -define png:compression-level=9 "$out/ai-mountain.png"
convert -size 512x512 xc:'#dff3ee' \
  -fill '#636e72' -draw 'roundrectangle 156,150 356,330 30,30' \
  -fill '#00cec9' -draw 'circle 210,230 210,205' -draw 'circle 302,230 302,205' \
  -fill '#2d3436' -draw 'rectangle 206,285 306,300' -draw 'rectangle 251,90 261,150' \
  -fill '#e17055' -draw 'circle 256,85 256,70' \
  -fill '#636e72' -draw 'roundrectangle 186,340 326,450 20,20' \
  -quality 70 "$out/ai-robot.webp"
convert -size 256x256 xc:none -fill '#6c5ce7' -draw 'roundrectangle 24,24 232,232 48,48' \
  -fill white -draw 'polygon 100,80 100,176 180,128' -define png:compression-level=9 "$out/brand-logo.png"
for img in product-shot.png:320x240:160x120 hero-photo.jpg:480x270:240x135 ai-mountain.png:256x256:128x128 \
           ai-robot.webp:256x256:128x128 brand-logo.png:128x128:64x64; do
  IFS=: read -r file preview thumb <<< "$img"
  base=${file%.*}
  convert "$out/$file" -background white -flatten -resize "$preview" -quality 80 "$out/$base.preview.jpg"
  convert "$out/$file" -background white -flatten -resize "$thumb" -quality 75 "$out/$base.thumb.jpg"
done

echo "pdf: campaign-brief..."
# A hand-written one-page PDF (no Ghostscript needed); the xref offsets are computed below.
node - "$out/campaign-brief.pdf" <<'EOF'
const fs = require('node:fs');
const lines = ['Q3 Campaign Brief', 'Audience: developers and creative teams', 'Deliverables: 30 s teaser, 6 product shots',
  'Tone: bright, confident, hands-on', 'Deadline: September 30'];
const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 20 : 12} Tf 56 ${760 - i * 28} Td (${l}) Tj ET`).join('\n');
const objects = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
];
let pdf = '%PDF-1.4\n';
const offsets = objects.map((body, i) => { const at = pdf.length; pdf += `${i + 1} 0 obj\n${body}\nendobj\n`; return at; });
const xref = pdf.length;
pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
fs.writeFileSync(process.argv[2], pdf, 'latin1');
EOF
convert -size 153x198 xc:white -fill '#2d3436' -font DejaVu-Sans-Bold -pointsize 10 -annotate +14+24 'Q3 Campaign Brief' \
  -fill '#b2bec3' -draw 'rectangle 14,38 139,42' -draw 'rectangle 14,52 120,56' -draw 'rectangle 14,66 130,70' \
  -draw 'rectangle 14,80 100,84' -quality 80 "$out/campaign-brief.thumb.jpg"

echo "manifest..."
node - "$out" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const dir = process.argv[2];

function probe(file) {
  const json = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height:format=duration',
    '-of', 'json', path.join(dir, file)]).toString());
  const video = (json.streams || []).find((s) => s.width);
  const duration = Number(json.format && json.format.duration);
  return { width: video ? video.width : null, height: video ? video.height : null,
           durationSeconds: Number.isFinite(duration) ? Math.round(duration * 1000) / 1000 : null };
}
function rendition(file) {
  if (!file) return undefined;
  const { width, height } = file.endsWith('.pdf') ? { width: null, height: null } : probe(file);
  return { file, width, height };
}
function words(name) {
  const tsv = path.join(dir, `${name}.words.tsv`);
  if (!fs.existsSync(tsv)) return undefined;
  const rows = fs.readFileSync(tsv, 'utf8').trim().split('\n').map((row) => row.split('\t'));
  fs.unlinkSync(tsv);
  return rows.map(([start, end, word]) => ({ startSeconds: Number(start), endSeconds: Number(end), word }));
}
// name: [type, download, preview, thumbnail, hls]
const sets = {
  'launch-teaser': ['VIDEO', 'launch-teaser.mp4', 'launch-teaser.preview.mp4', 'launch-teaser.thumb.jpg', 'launch-teaser.hls/index.m3u8'],
  'product-demo': ['VIDEO', 'product-demo.webm', 'product-demo.preview.mp4', 'product-demo.thumb.jpg', null],
  'podcast-clip': ['AUDIO', 'podcast-clip.mp3', 'podcast-clip.preview.mp3', null, 'podcast-clip.hls/index.m3u8'],
  'voiceover': ['AUDIO', 'voiceover.wav', 'voiceover.preview.mp3', null, null],
  'scene-narration': ['AUDIO', 'scene-narration.mp3', null, null, null],
  'product-shot': ['IMAGE', 'product-shot.png', 'product-shot.preview.jpg', 'product-shot.thumb.jpg', null],
  'hero-photo': ['IMAGE', 'hero-photo.jpg', 'hero-photo.preview.jpg', 'hero-photo.thumb.jpg', null],
  'ai-mountain': ['IMAGE', 'ai-mountain.png', 'ai-mountain.preview.jpg', 'ai-mountain.thumb.jpg', null],
  'ai-robot': ['IMAGE', 'ai-robot.webp', 'ai-robot.preview.jpg', 'ai-robot.thumb.jpg', null],
  'brand-logo': ['IMAGE', 'brand-logo.png', 'brand-logo.preview.jpg', 'brand-logo.thumb.jpg', null],
  'campaign-brief': ['PDF', 'campaign-brief.pdf', null, 'campaign-brief.thumb.jpg', null],
};
const manifest = { generatedBy: 'test/server/make-media.sh', sets: {} };
for (const [name, [type, download, preview, thumbnail, hls]] of Object.entries(sets)) {
  const timed = type === 'VIDEO' || type === 'AUDIO';
  manifest.sets[name] = {
    type,
    durationSeconds: timed ? probe(download).durationSeconds : null,
    words: words(name),
    renditions: { download: rendition(download), preview: rendition(preview), thumbnail: rendition(thumbnail),
                  hls: hls ? { file: hls, ...(({ width, height }) => ({ width, height }))(probe(download)) } : undefined },
  };
}
fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
EOF
du -ab "$out" | sort -k2 | awk '{ printf "%8d  %s\n", $1, $2 }' | sed "s#$out/##"
