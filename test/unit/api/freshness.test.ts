import { strict as assert } from 'node:assert';
import { earliestExpiryMs, expiryMarginSeconds, isHydratedFileFresh, isSourceUsable, learnUrlLifetime, needsHydration, resetExpiryMargin } from '../../../src/api';
import { makeFile, makeSource } from './helpers';

const NOW_MS = 1_800_000_000_000;
const NOW_S = NOW_MS / 1000;

describe('api/freshness', () => {
  describe('isSourceUsable', () => {
    it('needs ready, a URL, and more than the margin left', () => {
      assert.equal(isSourceUsable(null, NOW_MS), false);
      assert.equal(isSourceUsable(makeSource({ status: 'pending' }), NOW_MS), false);
      assert.equal(isSourceUsable(makeSource({ url: null }), NOW_MS), false);
      assert.equal(isSourceUsable(makeSource({ expiresAt: null }), NOW_MS), true, 'no expiry: permanent');
      assert.equal(isSourceUsable(makeSource({ expiresAt: NOW_S + 61 }), NOW_MS), true);
      assert.equal(isSourceUsable(makeSource({ expiresAt: NOW_S + 60 }), NOW_MS), false, '60 s left is too little');
      assert.equal(isSourceUsable(makeSource({ expiresAt: NOW_S + 5 }), NOW_MS, 0), true, 'custom margin');
    });
  });

  describe('needsHydration (the official helpers rule)', () => {
    const fresh = makeSource({ expiresAt: NOW_S + 3600 });
    it('not when every non-null source is usable or skipped/failed', () => {
      assert.equal(needsHydration(makeFile({ downloadSource: fresh, previewSource: fresh, hlsSource: makeSource({ status: 'skipped', url: null }) }), NOW_MS), false);
      assert.equal(needsHydration(makeFile({ downloadSource: fresh, hlsSource: makeSource({ status: 'failed', url: null }) }), NOW_MS), false);
    });
    it('when a source is pending', () => {
      assert.equal(needsHydration(makeFile({ downloadSource: fresh, hlsSource: makeSource({ status: 'pending', url: null }) }), NOW_MS), true);
    });
    it('when a ready source has no URL', () => {
      assert.equal(needsHydration(makeFile({ downloadSource: fresh, thumbnailSource: makeSource({ url: null }) }), NOW_MS), true);
    });
    it('when a ready URL expires within 60 s (inclusive)', () => {
      assert.equal(needsHydration(makeFile({ downloadSource: makeSource({ expiresAt: NOW_S + 60 }) }), NOW_MS), true);
      assert.equal(needsHydration(makeFile({ downloadSource: makeSource({ expiresAt: NOW_S + 61 }) }), NOW_MS), false);
      assert.equal(needsHydration(makeFile({ downloadSource: makeSource({ expiresAt: NOW_S - 10 }) }), NOW_MS), true);
    });
    it('when no source is ready with a URL (no sources, or all skipped)', () => {
      assert.equal(needsHydration(makeFile(), NOW_MS), true);
      assert.equal(needsHydration(makeFile({ hlsSource: makeSource({ status: 'skipped', url: null }) }), NOW_MS), true);
    });
    it('ignores staticPublicPreviewSource', () => {
      const file = makeFile({ staticPublicPreviewSource: makeSource() });
      assert.equal(needsHydration(file, NOW_MS), true);
    });
  });

  describe('earliestExpiryMs and isHydratedFileFresh', () => {
    it('takes the minimum over ready URLs', () => {
      const file = makeFile({
        downloadSource: makeSource({ expiresAt: NOW_S + 500 }),
        previewSource: makeSource({ expiresAt: NOW_S + 300 }),
        thumbnailSource: makeSource({ status: 'pending', url: null, expiresAt: NOW_S + 10 }),
      });
      assert.equal(earliestExpiryMs(file), (NOW_S + 300) * 1000);
      assert.equal(earliestExpiryMs(makeFile({ downloadSource: makeSource() })), null);
    });
    it('fresh until 60 s before the earliest expiry', () => {
      const file = makeFile({ downloadSource: makeSource({ expiresAt: NOW_S + 3600 }), thumbnailSource: makeSource({ expiresAt: NOW_S + 100 }) });
      assert.equal(isHydratedFileFresh(file, NOW_MS), true);
      assert.equal(isHydratedFileFresh(file, NOW_MS + 40_000), false);
    });
  });

  describe('the margin follows the lifetime the server signs for', () => {
    afterEach(() => resetExpiryMargin());
    it('keeps 60 s for week-long URLs and shrinks to a quarter of a short lifetime', () => {
      learnUrlLifetime(makeFile({ downloadSource: makeSource({ expiresAt: NOW_S + 7 * 86_400 }) }), NOW_MS);
      assert.equal(expiryMarginSeconds(), 60);
      const shortLived = makeFile({ downloadSource: makeSource({ expiresAt: NOW_S + 20 }) });
      assert.equal(isHydratedFileFresh(shortLived, NOW_MS), false, 'with the documented margin a 20 s URL is stale at once');
      learnUrlLifetime(shortLived, NOW_MS);
      assert.equal(expiryMarginSeconds(), 5);
      assert.equal(isHydratedFileFresh(shortLived, NOW_MS), true, 'a URL signed for 20 s is usable when it arrives');
      assert.equal(isSourceUsable(shortLived.downloadSource, NOW_MS + 16_000), false, 'and stops being usable 5 s before it expires');
      assert.equal(needsHydration(shortLived, NOW_MS), false);
    });
    it('ignores an answer whose URLs had already expired when it arrived', () => {
      learnUrlLifetime(makeFile({ downloadSource: makeSource({ expiresAt: NOW_S - 5 }) }), NOW_MS);
      assert.equal(expiryMarginSeconds(), 60);
    });
  });
});
