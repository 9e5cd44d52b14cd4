// Copyright (c) Microsoft. All rights reserved.

namespace MinimalApi;

public record class CorpusRecord(string Id, string Source, string Text);
