// Text formatting for the media stage's messages.

/** Fills {0}, {1}... in a localised template. */
export function format(template: string, ...args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => args[Number(index)] ?? match);
}

/**
 * A time as media players show it (Chromium's controls among them): whole seconds elapsed, rounded down, so
 * 7.96 s is 0:07. Hours appear only when needed.
 */
export function formatPlayerTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'video/mp4': 'MP4',
  'audio/mp4': 'MP4 audio',
  'video/webm': 'WebM',
  'audio/webm': 'WebM audio',
  'video/quicktime': 'QuickTime',
  'video/ogg': 'Ogg',
  'audio/ogg': 'Ogg',
  'audio/mpeg': 'MP3',
  'audio/wav': 'WAV',
  'audio/flac': 'FLAC',
  'audio/aac': 'AAC',
  'application/vnd.apple.mpegurl': 'HLS',
};

export function formatName(mimeType: string): string {
  return FORMAT_NAMES[mimeType] ?? mimeType.split('/').pop()?.toUpperCase() ?? mimeType;
}
