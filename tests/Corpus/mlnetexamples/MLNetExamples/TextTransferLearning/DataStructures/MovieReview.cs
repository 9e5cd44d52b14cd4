using System;
using System.Collections.Generic;
using System.Text;

namespace TextTransferLearning.DataStructures
{
    public class MovieReview
    {
        public string Review { get; set; }
    }
}
