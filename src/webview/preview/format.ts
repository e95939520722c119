// Text formatting for the media stage's messages.

/** Fills {0}, {1}... in a localised template. */
export function format(template: string, ...args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => args[Number(index)] ?? match);
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
