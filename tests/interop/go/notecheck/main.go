// Command notecheck checks OpenVerify's signed notes and checkpoints with Go's golang.org/x/mod/sumdb/note, an
// implementation of C2SP signed-note that OpenVerify did not write. It is built offline against Debian's
// golang-golang-x-mod-dev (GO111MODULE=off GOPATH=/usr/share/gocode) by tests/OpenVerify.Tests/Interop/GoNoteInteropTests.cs.
//
// Usage:
//
//	notecheck open <note file> [vkey...]  verify the note with the vkeys; print "OK <key name> <key id>" per verified
//	                                      signature, then the text
//	notecheck keyid <vkey>                print the key id Go computes for a vkey (8 hex digits)
//	notecheck sign <name> <text file> <vkey out> <note out>
//	                                      make a fresh Ed25519 key with note.GenerateKey, sign the text with note.Sign,
//	                                      write the vkey and the signed note
//	notecheck inclusion <proof.json> <vkey>
//	                                      check an inclusion proof 'openverify log prove --index' prints: open its
//	                                      checkpoint with note.Open, hash the entry's DSSE PAE with tlog.RecordHash and
//	                                      check the proof with tlog.CheckRecord
//	notecheck consistency <proof.json> <kept checkpoint> <vkey>
//	                                      check a consistency proof 'openverify log prove --from' prints against a kept
//	                                      checkpoint with tlog.CheckTree
//	notecheck tiles <log folder> <vkey> <index>
//	                                      read the tiles of a tiled log with tlog.TileHashReader (which authenticates
//	                                      each tile against the checkpoint), prove entry <index> with tlog.ProveRecord
//	                                      and check it with tlog.CheckRecord, and check tlog.TreeHash
//
// Exit status 0 on success, 1 when a note does not verify (the error is printed), 2 on usage errors.
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 3 {
		usage()
	}
	switch os.Args[1] {
	case "open":
		open(os.Args[2], os.Args[3:])
	case "keyid":
		v, err := note.NewVerifier(os.Args[2])
		if err != nil {
			fail(2, "bad vkey: %v", err)
		}
		fmt.Printf("%08x\n", v.KeyHash())
	case "sign":
		if len(os.Args) != 6 {
			usage()
		}
		sign(os.Args[2], os.Args[3], os.Args[4], os.Args[5])
	case "inclusion":
		if len(os.Args) != 4 {
			usage()
		}
		inclusion(os.Args[2], os.Args[3])
	case "consistency":
		if len(os.Args) != 5 {
			usage()
		}
		consistency(os.Args[2], os.Args[3], os.Args[4])
	case "tiles":
		if len(os.Args) != 5 {
			usage()
		}
		tiles(os.Args[2], os.Args[3], os.Args[4])
	default:
		usage()
	}
}

func open(path string, vkeys []string) {
	var verifiers []note.Verifier
	for _, vkey := range vkeys {
		v, err := note.NewVerifier(vkey)
		if err != nil {
			fail(2, "bad vkey %q: %v", vkey, err)
		}
		verifiers = append(verifiers, v)
	}
	msg, err := os.ReadFile(path)
	if err != nil {
		fail(2, "%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifiers...))
	if err != nil {
		fail(1, "note.Open refused the note: %v", err)
	}
	for _, s := range n.Sigs {
		fmt.Printf("OK %s %08x\n", s.Name, s.Hash)
	}
	fmt.Print(n.Text)
}

func sign(name, textPath, vkeyPath, notePath string) {
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		fail(2, "GenerateKey: %v", err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		fail(2, "NewSigner: %v", err)
	}
	text, err := os.ReadFile(textPath)
	if err != nil {
		fail(2, "%v", err)
	}
	msg, err := note.Sign(&note.Note{Text: string(text)}, signer)
	if err != nil {
		fail(1, "note.Sign: %v", err)
	}
	if err := os.WriteFile(vkeyPath, []byte(vkey+"\n"), 0o600); err != nil {
		fail(2, "%v", err)
	}
	if err := os.WriteFile(notePath, msg, 0o600); err != nil {
		fail(2, "%v", err)
	}
}

// checkpoint opens a checkpoint note with one vkey and reads its size and root (tlog.ParseTree only reads the Go
// checksum database's own origin, so the C2SP body is read here).
func checkpoint(msg []byte, vkey string) (origin string, size int64, root tlog.Hash) {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		fail(2, "bad vkey %q: %v", vkey, err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		fail(1, "note.Open refused the checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		fail(1, "the checkpoint has fewer than three lines")
	}
	size, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		fail(1, "bad tree size %q", lines[1])
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		fail(1, "bad root hash %q", lines[2])
	}
	copy(root[:], raw)
	return lines[0], size, root
}

type proofFile struct {
	Type       string   `json:"type"`
	Index      int64    `json:"index"`
	FirstSize  int64    `json:"firstSize"`
	TreeSize   int64    `json:"treeSize"`
	Proof      []string `json:"proof"`
	Entry      string   `json:"entry"`
	Checkpoint string   `json:"checkpoint"`
}

func readProof(path, kind string) proofFile {
	data, err := os.ReadFile(path)
	if err != nil {
		fail(2, "%v", err)
	}
	var p proofFile
	if err := json.Unmarshal(data, &p); err != nil {
		fail(2, "bad proof file: %v", err)
	}
	if p.Type != kind {
		fail(2, "the proof file is %q, not %q", p.Type, kind)
	}
	return p
}

func hashes(list []string) []tlog.Hash {
	out := make([]tlog.Hash, len(list))
	for i, h := range list {
		raw, err := hex.DecodeString(h)
		if err != nil || len(raw) != tlog.HashSize {
			fail(1, "bad proof hash %q", h)
		}
		copy(out[i][:], raw)
	}
	return out
}

// recordHash is the leaf hash of a receipt entry: RFC 6962's hash of the envelope's DSSE PAE
// ("DSSEv1" SP len(type) SP type SP len(payload) SP payload), as docs/spec/tiles-v1.md defines.
func recordHash(entry []byte) tlog.Hash {
	var envelope struct {
		PayloadType string `json:"payloadType"`
		Payload     string `json:"payload"`
	}
	if err := json.Unmarshal(entry, &envelope); err != nil {
		fail(1, "the entry is not a DSSE envelope: %v", err)
	}
	payload, err := base64.StdEncoding.DecodeString(envelope.Payload)
	if err != nil {
		fail(1, "the entry's payload is not base64: %v", err)
	}
	var pae bytes.Buffer
	fmt.Fprintf(&pae, "DSSEv1 %d %s %d ", len(envelope.PayloadType), envelope.PayloadType, len(payload))
	pae.Write(payload)
	return tlog.RecordHash(pae.Bytes())
}

func inclusion(path, vkey string) {
	p := readProof(path, "openverify-tile-inclusion-v1")
	_, size, root := checkpoint([]byte(p.Checkpoint), vkey)
	if size != p.TreeSize {
		fail(1, "the proof is for size %d, the checkpoint is of size %d", p.TreeSize, size)
	}
	if err := tlog.CheckRecord(tlog.RecordProof(hashes(p.Proof)), size, root, p.Index, recordHash([]byte(p.Entry))); err != nil {
		fail(1, "tlog.CheckRecord refused the proof: %v", err)
	}
	fmt.Printf("OK inclusion %d %d\n", p.Index, size)
}

func consistency(path, keptPath, vkey string) {
	p := readProof(path, "openverify-tile-consistency-v1")
	kept, err := os.ReadFile(keptPath)
	if err != nil {
		fail(2, "%v", err)
	}
	keptOrigin, oldSize, oldRoot := checkpoint(kept, vkey)
	origin, size, root := checkpoint([]byte(p.Checkpoint), vkey)
	if origin != keptOrigin || size != p.TreeSize || oldSize != p.FirstSize {
		fail(1, "the proof (%d to %d) does not join the kept checkpoint (%s, %d) and the current one (%s, %d)", p.FirstSize, p.TreeSize, keptOrigin, oldSize, origin, size)
	}
	if err := tlog.CheckTree(tlog.TreeProof(hashes(p.Proof)), size, root, oldSize, oldRoot); err != nil {
		fail(1, "tlog.CheckTree refused the proof: %v", err)
	}
	fmt.Printf("OK consistency %d %d\n", oldSize, size)
}

// dirTiles reads C2SP tiles from a folder. Go's tile paths carry the tile height (tile/8/L/N); C2SP's drop it
// (tile/L/N), which is the only difference.
type dirTiles struct{ dir string }

func (d dirTiles) Height() int { return 8 }

func (d dirTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		path := "tile/" + strings.TrimPrefix(t.Path(), "tile/8/")
		data, err := os.ReadFile(filepath.Join(d.dir, filepath.FromSlash(path)))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (d dirTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func tiles(dir, vkey, indexText string) {
	msg, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil {
		fail(2, "%v", err)
	}
	_, size, root := checkpoint(msg, vkey)
	index, err := strconv.ParseInt(indexText, 10, 64)
	if err != nil {
		fail(2, "bad index %q", indexText)
	}
	reader := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, dirTiles{dir})
	treeHash, err := tlog.TreeHash(size, reader)
	if err != nil || treeHash != root {
		fail(1, "tlog.TreeHash over the tiles: %v (got %v, checkpoint %v)", err, treeHash, root)
	}
	proof, err := tlog.ProveRecord(size, index, reader)
	if err != nil {
		fail(1, "tlog.ProveRecord over the tiles: %v", err)
	}
	hashes, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
	if err != nil {
		fail(1, "reading leaf %d from the tiles: %v", index, err)
	}
	if err := tlog.CheckRecord(proof, size, root, index, hashes[0]); err != nil {
		fail(1, "tlog.CheckRecord: %v", err)
	}
	fmt.Printf("OK tiles %d %d %s\n", index, size, hex.EncodeToString(hashes[0][:]))
}

func usage() {
	fail(2, "usage: notecheck open <note> [vkey...] | keyid <vkey> | sign <name> <text> <vkey out> <note out> | inclusion <proof.json> <vkey> | consistency <proof.json> <kept> <vkey> | tiles <folder> <vkey> <index>")
}

func fail(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(code)
}
