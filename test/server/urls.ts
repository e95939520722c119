// The URLs the server hands out, CDN style:
//   signed   ${base}/media/<fileId>/<rendition>.<ext>?expires=<unix>&sig=<mac>[&download=<name>]
//            ${base}/media/<fileId>/hls/<segment>?expires=<unix>&sig=<mac>   (segments of hls.m3u8)
//   public   ${base}/public/<fileId>/download.<ext>, ${base}/public-hls/<playbackId>.m3u8 (+ /<segment>)
//   upload   ${base}/upload/<fileId>?expires=<unix>&sig=<mac>
import type { RenditionName } from './media';
import { Signer } from './signer';

export type SignatureCheck = 'valid' | 'missing' | 'expired' | 'forged';

export class ServerUrls {
  readonly mediaSigner = new Signer();
  readonly uploadSigner = new Signer();
  baseUrl = '';

  rendition(fileId: string, rendition: RenditionName, extension: string, expires: number, downloadName?: string): string {
    const pathname = `/media/${fileId}/${rendition}.${extension}`;
    return this.signed(this.mediaSigner, pathname, expires, downloadName);
  }

  hlsSegment(fileId: string, segment: string, expires: number): string {
    return this.signed(this.mediaSigner, `/media/${fileId}/hls/${encodeURIComponent(segment)}`, expires);
  }

  publicDownload(fileId: string, extension: string): string {
    return `${this.baseUrl}/public/${fileId}/download.${extension}`;
  }

  publicHls(playbackId: string): string {
    return `${this.baseUrl}/public-hls/${playbackId}.m3u8`;
  }

  publicHlsSegment(playbackId: string, segment: string): string {
    return `${this.baseUrl}/public-hls/${playbackId}/${encodeURIComponent(segment)}`;
  }

  upload(fileId: string, expires: number): string {
    return this.signed(this.uploadSigner, `/upload/${fileId}`, expires);
  }

  checkMedia(pathname: string, query: URLSearchParams, nowSeconds: number): SignatureCheck {
    return check(this.mediaSigner, pathname, query, nowSeconds);
  }

  checkUpload(pathname: string, query: URLSearchParams, nowSeconds: number): SignatureCheck {
    return check(this.uploadSigner, pathname, query, nowSeconds);
  }

  private signed(signer: Signer, pathname: string, expires: number, downloadName?: string): string {
    const query = new URLSearchParams({ expires: String(expires), sig: signer.sign(pathname, expires, downloadName ?? '') });
    if (downloadName !== undefined) query.set('download', downloadName);
    return `${this.baseUrl}${pathname}?${query.toString()}`;
  }
}

function check(signer: Signer, pathname: string, query: URLSearchParams, nowSeconds: number): SignatureCheck {
  const expires = query.get('expires');
  const signature = query.get('sig');
  if (expires === null || signature === null) return 'missing';
  if (!/^\d{1,12}$/.test(expires) || !signer.verify(signature, pathname, Number(expires), query.get('download') ?? '')) return 'forged';
  return Number(expires) <= nowSeconds ? 'expired' : 'valid';
}
