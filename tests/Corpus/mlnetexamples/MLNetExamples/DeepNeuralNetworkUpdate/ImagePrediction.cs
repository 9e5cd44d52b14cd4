using System;
using System.Collections.Generic;
using System.Text;

namespace DeepNeuralNetworkUpdate
{
    public class ImagePrediction
    {
        public string ImagePath { get; set; }

        public string Label { get; set; }

        public string PredictedLabel { get; set; }
    }
}
