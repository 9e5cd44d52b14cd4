// Copyright (c) Microsoft. All rights reserved.

namespace Shared.Models;

public enum DocumentProcessingStatus
{
    NotProcessed,
    Succeeded,
    Failed
};
