// Text search with TF-IDF cosine similarity over displayName, description and transcript text.
// The index is built lazily and rebuilt when the store's searchable content changes. Library copies share
// their description and transcript objects, so those are tokenised once per distinct value.
import type { StoredFile, WireTranscript } from './model';
import type { FileStore } from './store';

export interface SearchHit {
  file: StoredFile;
  /** Cosine similarity in 0..1. */
  similarity: number;
}

const STOP_WORDS = new Set(
  ('a an and are as at be by for from has have in into is it its of on or our over that the this to was were ' +
    'will with your you we they their them his her he she i me my').split(' '),
);

function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '' && !STOP_WORDS.has(token))
    .map(stem);
}

/** A light plural folding: "mountains" → "mountain", "photos" → "photo" (not "glass" → "glas"). */
function stem(token: string): string {
  return token.length > 3 && token.endsWith('s') && !token.endsWith('ss') ? token.slice(0, -1) : token;
}

interface Index {
  version: number;
  documents: StoredFile[];
  termIds: Map<string, number>;
  idf: number[];
  /** Per term id: the documents containing it and the term's weight in each (unit-length document vectors). */
  postingDocuments: number[][];
  postingWeights: number[][];
}

export class SearchIndex {
  private index: Index | undefined;

  constructor(
    private readonly store: FileStore,
    /** Whether a file is indexed at all (e.g. analysed and not temporary). */
    private readonly indexable: (file: StoredFile) => boolean,
  ) {}

  search(query: string, limit: number, include: (file: StoredFile) => boolean): SearchHit[] {
    const index = this.current();
    const scores = new Map<number, number>();
    for (const [term, queryWeight] of queryVector(query, index)) {
      const documents = index.postingDocuments[term];
      const weights = index.postingWeights[term];
      for (let i = 0; i < documents.length; i++) scores.set(documents[i], (scores.get(documents[i]) ?? 0) + queryWeight * weights[i]);
    }
    return [...scores]
      .map(([document, score]) => ({ file: index.documents[document], similarity: Math.min(1, Math.round(score * 10_000) / 10_000) }))
      .filter((hit) => hit.similarity > 0 && include(hit.file))
      .sort((a, b) => b.similarity - a.similarity || a.file.displayName.localeCompare(b.file.displayName))
      .slice(0, limit);
  }

  private current(): Index {
    if (this.index?.version !== this.store.contentVersion) this.index = buildIndex(this.store.all().filter(this.indexable), this.store.contentVersion);
    return this.index;
  }
}

/**
 * Term ids and counts of every document, in flat arrays (a Map per document is too slow for 100,000 files),
 * then idf, then unit-length sublinear-tf × idf weights into per-term postings.
 */
function buildIndex(documents: StoredFile[], version: number): Index {
  const termIds = new Map<string, number>();
  const idOf = (term: string): number => {
    let id = termIds.get(term);
    if (id === undefined) termIds.set(term, (id = termIds.size));
    return id;
  };
  const descriptionIds = new Map<string, number[]>();
  const transcriptIds = new WeakMap<WireTranscript, number[]>();
  const flatTerms: number[] = [];
  const flatCounts: number[] = [];
  const offsets: number[] = [0];
  let scratch: Int32Array = new Int32Array(1024); // term id → count within the current document
  const count = (ids: readonly number[]): void => {
    for (const id of ids) {
      if (id >= scratch.length) scratch = grow(scratch, id);
      if (scratch[id]++ === 0) flatTerms.push(id);
    }
  };
  for (const file of documents) {
    count(tokenize(file.displayName).map(idOf));
    if (file.description) count(memo(descriptionIds, file.description, (text) => tokenize(text).map(idOf)));
    if (file.transcript) count(memo(transcriptIds, file.transcript, (t) => t.words.flatMap((w) => tokenize(w.word)).map(idOf)));
    for (let i = offsets[offsets.length - 1]; i < flatTerms.length; i++) {
      flatCounts.push(scratch[flatTerms[i]]);
      scratch[flatTerms[i]] = 0;
    }
    offsets.push(flatTerms.length);
  }
  const documentFrequency = new Array<number>(termIds.size).fill(0);
  for (const id of flatTerms) documentFrequency[id]++;
  const idf = documentFrequency.map((frequency) => Math.log((1 + documents.length) / (1 + frequency)) + 1);
  const postingDocuments = idf.map((): number[] => []);
  const postingWeights = idf.map((): number[] => []);
  for (let document = 0; document < documents.length; document++) {
    let norm = 0;
    for (let i = offsets[document]; i < offsets[document + 1]; i++) norm += ((1 + Math.log(flatCounts[i])) * idf[flatTerms[i]]) ** 2;
    norm = Math.sqrt(norm);
    for (let i = offsets[document]; i < offsets[document + 1]; i++) {
      const term = flatTerms[i];
      postingDocuments[term].push(document);
      postingWeights[term].push(((1 + Math.log(flatCounts[i])) * idf[term]) / norm);
    }
  }
  return { version, documents, termIds, idf, postingDocuments, postingWeights };
}

function grow(array: Int32Array, index: number): Int32Array {
  const grown = new Int32Array(Math.max(array.length * 2, index + 1));
  grown.set(array);
  return grown;
}

/** The query's unit-length vector by term id. Terms no document contains count in its norm with an unseen term's idf. */
function queryVector(query: string, index: Index): Map<number, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(query)) counts.set(token, (counts.get(token) ?? 0) + 1);
  const unseenIdf = Math.log(1 + index.documents.length) + 1;
  const vector = new Map<number, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    const id = index.termIds.get(term);
    const weight = (1 + Math.log(count)) * (id === undefined ? unseenIdf : index.idf[id]);
    norm += weight * weight;
    if (id !== undefined) vector.set(id, weight);
  }
  for (const [id, weight] of vector) vector.set(id, weight / Math.sqrt(norm));
  return vector;
}

function memo<K extends object | string, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make(key)));
  return value;
}
