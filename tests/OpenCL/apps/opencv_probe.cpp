// OpenCV's OpenCL runtime: OpenCV links no OpenCL library and loads one itself (dlopen of "libOpenCL.so", see
// modules/core/src/opencl/runtime/opencl_core.cpp). Prints whether OpenCL is there, the first platform and device, and
// the sum of a vector added on the device through cv::UMat, checked on the host.
#include <opencv2/core.hpp>
#include <opencv2/core/ocl.hpp>
#include <cstdio>
#include <vector>

int main()
{
    bool have = cv::ocl::haveOpenCL();
    std::printf("haveOpenCL %d\n", have ? 1 : 0);
    if (!have)
        return 1;
    cv::ocl::setUseOpenCL(true);
    cv::Mat a(1, 1024, CV_32F), b(1, 1024, CV_32F);
    for (int i = 0; i < 1024; i++) {
        a.at<float>(i) = static_cast<float>(i);
        b.at<float>(i) = 1.0f;
    }
    cv::UMat ua = a.getUMat(cv::ACCESS_READ), ub = b.getUMat(cv::ACCESS_READ), sum;
    cv::add(ua, ub, sum);
    double total = cv::sum(sum)[0];
    // Through OpenCV's platform list: OpenCV 4.6's Device::getDefault() answers an empty device.
    std::vector<cv::ocl::PlatformInfo> platforms;
    cv::ocl::getPlatfomsInfo(platforms);
    cv::ocl::Device device;
    if (!platforms.empty() && platforms[0].deviceNumber() > 0)
        platforms[0].getDevice(device, 0);
    std::printf("platform %s device %s\n", platforms.empty() ? "" : platforms[0].name().c_str(), device.name().c_str());
    std::printf("sum %.1f %s\n", total, total == 524800.0 ? "ok" : "WRONG");
    return total == 524800.0 ? 0 : 1;
}
