// Copyright (c) Microsoft. All rights reserved.

namespace Shared.Models;

public record class ApproachRequest(Approach Approach);
