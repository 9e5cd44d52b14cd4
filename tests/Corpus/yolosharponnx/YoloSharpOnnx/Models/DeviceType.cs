using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace YoloSharpOnnx.Models
{
    public enum DeviceType
    {
        CPU,
        GPU,
        NPU
    }
}
