using System;
using System.Collections.Generic;
using System.Text;

namespace DeepNeuralNetwork
{
    public class ImagePrediction
    {
        public float[] Score { get; set; }

        public uint PredictedLabel { get; set; }
    }
}
